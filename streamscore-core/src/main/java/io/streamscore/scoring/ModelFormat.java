package io.streamscore.scoring;

/** The serialized model formats Streamscore can score. */
public enum ModelFormat {
    /** XGBoost's JSON model ({@code booster.save_model("m.json")}), evaluated by {@link XGBoostJsonModel}. */
    XGBOOST_JSON
}
