package io.streamscore.generate;

import java.util.Locale;
import java.util.SplittableRandom;

/** What a click does, as written into the click's {@code action} field, and the page it lands on. */
enum ClickAction {
    VIEW,
    SEARCH,
    ADD_TO_CART,
    CHECKOUT,
    LOGIN,
    LOGIN_FAILED;

    private static final int PRODUCTS = 5_000;
    private static final double HOME_PAGE_SHARE = 0.2;

    private final String code = name().toLowerCase(Locale.ROOT);

    String code() {
        return code;
    }

    String page(SplittableRandom random) {
        return switch (this) {
            case VIEW -> random.nextDouble() < HOME_PAGE_SHARE ? "/home" : "/product/" + random.nextInt(1, PRODUCTS);
            case SEARCH -> "/search";
            case ADD_TO_CART -> "/cart";
            case CHECKOUT -> "/checkout";
            case LOGIN, LOGIN_FAILED -> "/login";
        };
    }
}
