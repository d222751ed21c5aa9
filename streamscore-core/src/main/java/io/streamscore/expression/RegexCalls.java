package io.streamscore.expression;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.codehaus.commons.compiler.CompileException;
import org.codehaus.janino.Java;
import org.codehaus.janino.util.DeepCopier;

/**
 * The {@code matches} calls of an expression, in both forms the language has: the function
 * {@code matches(text, regex)} and the text method {@code text.matches(regex)}. Every pattern written as a string
 * literal is checked when the spec loads, so a pattern RE2 cannot run (a backreference, a lookaround) or that is not
 * a regular expression at all fails there with its position, not on every event. The method form would run
 * {@code String.matches}, a backtracking matcher that a pattern such as {@code (a+)+$} stalls for hours on a long
 * text; it is compiled as the function instead, which matches in linear time ({@link RegexPatterns}). Only an
 * expression with a method-form call is rewritten; the rewritten text is what gets compiled, never what is shown.
 */
final class RegexCalls {
    private static final String MATCHES = "matches";

    private RegexCalls() {}

    /**
     * The text to compile for {@code text}: the same text, or with {@code x.matches(r)} written {@code matches(x, r)}.
     *
     * @throws ExpressionException naming the position of a pattern literal that RE2 refuses, and why
     */
    static String prepare(String text) {
        Rewriter rewriter = new Rewriter(text);
        Java.Rvalue rewritten;
        try {
            Java.Rvalue parsed = ExpressionText.parser(text).parseExpression();
            rewritten = rewriter.copyRvalue(parsed);
        } catch (CompileException e) {
            // Not an expression: ExpressionCompiler reports the syntax error with its position.
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!rewriter.rewrote) {
            return text;
        }
        return ExpressionText.unparse(rewritten);
    }

    /** Copies the expression, checking each {@code matches} pattern literal and turning the method form around. */
    private static final class Rewriter extends DeepCopier {
        private final String text;
        private boolean rewrote;

        Rewriter(String text) {
            this.text = text;
        }

        @Override
        public Java.Rvalue copyMethodInvocation(Java.MethodInvocation call) throws CompileException {
            boolean function = call.target == null && call.arguments.length == 2;
            Java.Rvalue target = call.target == null ? null : call.target.toRvalue();
            boolean method = target != null && call.arguments.length == 1;
            if (!MATCHES.equals(call.methodName) || !function && !method) {
                return super.copyMethodInvocation(call);
            }
            Java.Rvalue regex = call.arguments[call.arguments.length - 1];
            check(regex);
            if (function) {
                return super.copyMethodInvocation(call);
            }
            rewrote = true;
            return new Java.MethodInvocation(call.getLocation(), null, MATCHES,
                    new Java.Rvalue[] {copyRvalue(target), copyRvalue(regex)});
        }

        private void check(Java.Rvalue regex) {
            if (!(regex instanceof Java.StringLiteral literal)) {
                return; // computed per event: a pattern RE2 refuses fails that event's evaluation, counted
            }
            String pattern = literal.value.substring(1, literal.value.length() - 1).translateEscapes();
            String refusal = RegexPatterns.refusal(pattern);
            if (refusal != null) {
                throw new ExpressionException(text, "the pattern \"" + pattern + "\" of `matches` is not valid RE2 "
                        + "syntax (" + refusal + ")" + CompileErrors.position(text, literal.getLocation(), 0),
                        RegexPatterns.UNSUPPORTED + "; rewrite the pattern without them, or combine simpler tests "
                                + "(startsWith, contains, several matches)", null);
            }
        }
    }
}
