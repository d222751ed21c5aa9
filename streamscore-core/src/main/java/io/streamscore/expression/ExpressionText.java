package io.streamscore.expression;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import org.codehaus.commons.compiler.CompileException;
import org.codehaus.janino.Java;
import org.codehaus.janino.Parser;
import org.codehaus.janino.Scanner;
import org.codehaus.janino.TokenType;
import org.codehaus.janino.Unparser;

/** An expression's text read into Janino's syntax tree and printed back, one way for every way of writing it. */
public final class ExpressionText {
    private ExpressionText() {}

    /**
     * The expression as Janino prints it, so that spacing and line breaks do not tell two writings apart
     * ({@code amount<5} and {@code amount < 5}); parentheses, names and literals stay as written. Text that is not
     * one whole expression comes back trimmed.
     */
    public static String canonical(String text) {
        try {
            Parser parser = parser(text);
            Java.Rvalue expression = parser.parseExpression();
            return parser.peek(TokenType.END_OF_INPUT) ? unparse(expression) : text.strip();
        } catch (CompileException e) {
            return text.strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A parser positioned at the start of {@code text}. */
    static Parser parser(String text) throws CompileException, IOException {
        return new Parser(new Scanner(null, new StringReader(text + "\n")));
    }

    /** {@code expression} printed as Java source. */
    static String unparse(Java.Rvalue expression) {
        StringWriter source = new StringWriter();
        Unparser unparser = new Unparser(source);
        unparser.unparseRvalue(expression);
        unparser.close();
        return source.toString();
    }
}
