package no.arealbank.features.cql;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.LexerNoViableAltException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.Interval;
import org.antlr.v4.runtime.misc.IntervalSet;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

import no.arealbank.features.cql.Cql2Parser.BetweenPredicateContext;
import no.arealbank.features.cql.Cql2Parser.BinaryComparisonContext;
import no.arealbank.features.cql.Cql2Parser.BooleanExpressionContext;
import no.arealbank.features.cql.Cql2Parser.BooleanFactorContext;
import no.arealbank.features.cql.Cql2Parser.BooleanLiteralPrimaryContext;
import no.arealbank.features.cql.Cql2Parser.BooleanOperandContext;
import no.arealbank.features.cql.Cql2Parser.BooleanTermContext;
import no.arealbank.features.cql.Cql2Parser.BboxContext;
import no.arealbank.features.cql.Cql2Parser.DateOperandContext;
import no.arealbank.features.cql.Cql2Parser.FunctionCallContext;
import no.arealbank.features.cql.Cql2Parser.FunctionOperandContext;
import no.arealbank.features.cql.Cql2Parser.FunctionPrimaryContext;
import no.arealbank.features.cql.Cql2Parser.InPredicateContext;
import no.arealbank.features.cql.Cql2Parser.IsNullPredicateContext;
import no.arealbank.features.cql.Cql2Parser.LikePredicateContext;
import no.arealbank.features.cql.Cql2Parser.NestedPrimaryContext;
import no.arealbank.features.cql.Cql2Parser.NumberOperandContext;
import no.arealbank.features.cql.Cql2Parser.OperandContext;
import no.arealbank.features.cql.Cql2Parser.PredicatePrimaryContext;
import no.arealbank.features.cql.Cql2Parser.PropertyNameContext;
import no.arealbank.features.cql.Cql2Parser.PropertyOperandContext;
import no.arealbank.features.cql.Cql2Parser.SpatialOperandContext;
import no.arealbank.features.cql.Cql2Parser.SpatialPredicateContext;
import no.arealbank.features.cql.Cql2Parser.StringOperandContext;
import no.arealbank.features.cql.Cql2Parser.TimestampOperandContext;
import no.arealbank.features.cql.Cql2Parser.WktContext;
import no.arealbank.features.cql.Cql2Parser.ZFlagContext;
import no.arealbank.features.cql.Expression.And;
import no.arealbank.features.cql.Expression.BboxLiteral;
import no.arealbank.features.cql.Expression.Between;
import no.arealbank.features.cql.Expression.BooleanLiteral;
import no.arealbank.features.cql.Expression.Comparison;
import no.arealbank.features.cql.Expression.ComparisonOperator;
import no.arealbank.features.cql.Expression.DateLiteral;
import no.arealbank.features.cql.Expression.GeometryLiteral;
import no.arealbank.features.cql.Expression.In;
import no.arealbank.features.cql.Expression.IsNull;
import no.arealbank.features.cql.Expression.Like;
import no.arealbank.features.cql.Expression.Location;
import no.arealbank.features.cql.Expression.Not;
import no.arealbank.features.cql.Expression.NumberLiteral;
import no.arealbank.features.cql.Expression.Operand;
import no.arealbank.features.cql.Expression.Or;
import no.arealbank.features.cql.Expression.Property;
import no.arealbank.features.cql.Expression.Spatial;
import no.arealbank.features.cql.Expression.SpatialFunction;
import no.arealbank.features.cql.Expression.StringLiteral;
import no.arealbank.features.cql.Expression.TimestampLiteral;

/** CQL2 text to {@link Expression}: the generated parser, with every syntax error turned into a {@link CqlException}. */
final class TextParser {

    /** Parentheses deeper than this are refused before parsing: the parser recurses once per level. */
    static final int MAX_NESTING = 100;

    private TextParser() {
    }

    static Expression parse(String text) {
        if (text == null || text.isBlank()) {
            throw new CqlException("the filter is empty");
        }
        checkNesting(text);
        CharStream chars = CharStreams.fromString(text);
        Cql2Lexer lexer = new Cql2Lexer(chars);
        lexer.removeErrorListeners(); // the default listener prints to stderr and carries on
        lexer.addErrorListener(ThrowingListener.INSTANCE);
        Cql2Parser parser = new Cql2Parser(new CommonTokenStream(lexer));
        parser.removeErrorListeners();
        parser.addErrorListener(ThrowingListener.INSTANCE);
        return new TreeBuilder(chars).booleanExpression(parser.filter().booleanExpression());
    }

    private static void checkNesting(String text) {
        int depth = 0;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == '\\' && quote == '\'') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '(' && ++depth > MAX_NESTING) {
                throw new CqlException("syntax error at position " + i + ": parentheses nested more than " + MAX_NESTING
                        + " levels deep");
            } else if (c == ')') {
                depth--;
            }
        }
    }

    private static final class ThrowingListener extends BaseErrorListener {

        static final ThrowingListener INSTANCE = new ThrowingListener();

        @Override
        public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int charPositionInLine,
                String msg, RecognitionException e) {
            if (offendingSymbol instanceof Token token) {
                throw new CqlException("syntax error at position " + token.getStartIndex() + ": " + unexpected(token)
                        + expected(recognizer));
            }
            int position = e instanceof LexerNoViableAltException l ? l.getStartIndex() : charPositionInLine;
            String rest = ((Cql2Lexer) recognizer).getInputStream().getText(Interval.of(position, position + 19));
            String what = rest.startsWith("'") ? "a string that is not closed"
                    : rest.startsWith("\"") ? "a quoted property name that is not closed"
                    : "unexpected character '" + rest.substring(0, Math.min(1, rest.length())) + "'";
            throw new CqlException("syntax error at position " + position + ": " + what);
        }

        private static String unexpected(Token token) {
            return token.getType() == Token.EOF ? "the filter ends too early" : "unexpected '" + token.getText() + "'";
        }

        /** The tokens that could have come instead, when there are few enough to be a useful hint. */
        private static String expected(Recognizer<?, ?> recognizer) {
            IntervalSet expected = ((Parser) recognizer).getExpectedTokens();
            if (expected.isNil() || expected.size() > 6) {
                return "";
            }
            List<String> names = expected.toList().stream()
                    .sorted((a, b) -> Integer.compare(a == Token.EOF ? Integer.MAX_VALUE : a,
                            b == Token.EOF ? Integer.MAX_VALUE : b))
                    .map(type -> type == Token.EOF ? "the end of the filter"
                            : recognizer.getVocabulary().getDisplayName(type).replace("'", ""))
                    .toList();
            return "; expected " + (names.size() == 1 ? names.get(0)
                    : String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1));
        }
    }

    /** Builds the tree from the parse tree; the grammar has already checked the shape. */
    private static final class TreeBuilder {

        private final CharStream chars;

        TreeBuilder(CharStream chars) {
            this.chars = chars;
        }

        Expression booleanExpression(BooleanExpressionContext ctx) {
            List<Expression> terms = ctx.booleanTerm().stream().map(this::booleanTerm).toList();
            return terms.size() == 1 ? terms.get(0) : new Or(terms);
        }

        private Expression booleanTerm(BooleanTermContext ctx) {
            List<Expression> factors = ctx.booleanFactor().stream().map(this::booleanFactor).toList();
            return factors.size() == 1 ? factors.get(0) : new And(factors);
        }

        private Expression booleanFactor(BooleanFactorContext ctx) {
            Cql2Parser.BooleanPrimaryContext primary = ctx.booleanPrimary();
            Expression e;
            if (primary instanceof PredicatePrimaryContext p) {
                e = predicate(p.predicate());
            } else if (primary instanceof BooleanLiteralPrimaryContext b) {
                e = new BooleanLiteral(b.value.getType() == Cql2Lexer.TRUE, at(b));
            } else if (primary instanceof FunctionPrimaryContext f) {
                throw unsupported(f.functionCall());
            } else {
                e = booleanExpression(((NestedPrimaryContext) primary).booleanExpression());
            }
            for (int i = 0; i < ctx.nots.size(); i++) {
                e = new Not(e);
            }
            return e;
        }

        private Expression predicate(Cql2Parser.PredicateContext ctx) {
            if (ctx instanceof BinaryComparisonContext c) {
                return new Comparison(comparisonOperator(c.comparisonOperator().start), operand(c.left),
                        operand(c.right));
            }
            if (ctx instanceof LikePredicateContext l) {
                return negated(l.NOT() != null, new Like(operand(l.value), pattern(l.pattern)));
            }
            if (ctx instanceof BetweenPredicateContext b) {
                return negated(b.NOT() != null, new Between(operand(b.value), operand(b.low), operand(b.high)));
            }
            if (ctx instanceof InPredicateContext i) {
                return negated(i.NOT() != null, new In(operand(i.value), i.items.stream().map(this::operand).toList()));
            }
            if (ctx instanceof IsNullPredicateContext n) {
                return negated(n.NOT() != null, new IsNull(operand(n.value)));
            }
            SpatialPredicateContext s = (SpatialPredicateContext) ctx;
            return new Spatial(SpatialFunction.valueOf(s.spatialFunction().getText().toUpperCase(Locale.ROOT)),
                    operand(s.left), operand(s.right));
        }

        private static Expression negated(boolean not, Expression e) {
            return not ? new Not(e) : e;
        }

        private static ComparisonOperator comparisonOperator(Token t) {
            return switch (t.getType()) {
                case Cql2Lexer.EQ -> ComparisonOperator.EQ;
                case Cql2Lexer.NEQ -> ComparisonOperator.NE;
                case Cql2Lexer.LT -> ComparisonOperator.LT;
                case Cql2Lexer.LTE -> ComparisonOperator.LE;
                case Cql2Lexer.GT -> ComparisonOperator.GT;
                case Cql2Lexer.GTE -> ComparisonOperator.GE;
                default -> throw new IllegalStateException(t.getText());
            };
        }

        /** CQL2 allows only a character literal as the pattern (CASEI/ACCENTI aside). */
        private StringLiteral pattern(OperandContext ctx) {
            if (ctx instanceof StringOperandContext) {
                return (StringLiteral) operand(ctx);
            }
            if (ctx instanceof FunctionOperandContext f) {
                throw unsupported(f.functionCall());
            }
            throw new CqlException("the pattern of LIKE at position " + ctx.start.getStartIndex()
                    + " must be a string literal, not '" + sourceText(ctx) + "'");
        }

        private Operand operand(OperandContext ctx) {
            Location at = at(ctx);
            if (ctx instanceof PropertyOperandContext p) {
                return new Property(propertyName(p.propertyName()), at);
            }
            if (ctx instanceof StringOperandContext s) {
                return new StringLiteral(unescape(s.STRING().getText()), at);
            }
            if (ctx instanceof NumberOperandContext n) {
                return new NumberLiteral(new BigDecimal(n.NUMBER().getText()), at);
            }
            if (ctx instanceof BooleanOperandContext b) {
                return new BooleanLiteral(b.value.getType() == Cql2Lexer.TRUE, at);
            }
            if (ctx instanceof DateOperandContext d) {
                return new DateLiteral(Literals.date(unescape(d.STRING().getText()), at), at);
            }
            if (ctx instanceof TimestampOperandContext t) {
                return new TimestampLiteral(Literals.timestamp(unescape(t.STRING().getText()), at), at);
            }
            if (ctx instanceof SpatialOperandContext s) {
                return s.spatialLiteral().bbox() != null ? bbox(s.spatialLiteral().bbox(), at)
                        : new GeometryLiteral(wkt(s.spatialLiteral().wkt(), at), at);
            }
            throw unsupported(((FunctionOperandContext) ctx).functionCall());
        }

        private static String propertyName(PropertyNameContext ctx) {
            if (ctx.QUOTED_IDENTIFIER() != null) {
                String quoted = ctx.QUOTED_IDENTIFIER().getText();
                return quoted.substring(1, quoted.length() - 1);
            }
            return ctx.IDENTIFIER().getText();
        }

        private static BboxLiteral bbox(BboxContext ctx, Location at) {
            double[] n = ctx.NUMBER().stream().mapToDouble(t -> Double.parseDouble(t.getText())).toArray();
            // with elevations the order is minx, miny, minz, maxx, maxy, maxz
            return n.length == 4 ? new BboxLiteral(n[0], n[1], n[2], n[3], at)
                    : new BboxLiteral(n[0], n[1], n[3], n[4], at);
        }

        /** The literal's own text goes to JTS; the grammar only found its extent. */
        private Geometry wkt(WktContext ctx, Location at) {
            checkZFlags(ctx);
            try {
                return Literals.checkValid(new WKTReader(Literals.GEOMETRY_FACTORY).read(sourceText(ctx)), at);
            } catch (ParseException | IllegalArgumentException e) {
                throw new CqlException("invalid geometry at " + at + ": " + e.getMessage(), e);
            }
        }

        private static void checkZFlags(WktContext ctx) {
            ZFlagContext z = ctx.zFlag();
            if (z != null && !z.getText().equalsIgnoreCase("Z")) {
                throw new CqlException("syntax error at position " + z.start.getStartIndex() + ": unexpected '"
                        + z.getText() + "' after " + ctx.start.getText() + "; only Z may follow a geometry type");
            }
            ctx.wkt().forEach(TreeBuilder::checkZFlags);
        }

        private CqlException unsupported(FunctionCallContext f) {
            String name = f.IDENTIFIER().getText();
            String upper = name.toUpperCase(Locale.ROOT);
            return new CqlException(Literals.unsupportedFunction(name, upper, "position " + f.start.getStartIndex()));
        }

        private String sourceText(org.antlr.v4.runtime.ParserRuleContext ctx) {
            return chars.getText(Interval.of(ctx.start.getStartIndex(), ctx.stop.getStopIndex()));
        }

        private static Location at(org.antlr.v4.runtime.ParserRuleContext ctx) {
            return Location.position(ctx.start.getStartIndex());
        }

        /**
         * The value of a character literal (/req/cql2-text/escaping): {@code ''} and {@code \'} are a quote, {@code \\}
         * a backslash, {@code \a \b \t \n \v \f \r} control characters. A backslash before anything else stays, so
         * LIKE patterns keep their {@code \%} and {@code \_}.
         */
        static String unescape(String literal) {
            String s = literal.substring(1, literal.length() - 1);
            StringBuilder out = new StringBuilder(s.length());
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '\'' && i + 1 < s.length() && s.charAt(i + 1) == '\'') {
                    out.append('\'');
                    i++;
                } else if (c == '\\' && i + 1 < s.length()) {
                    char n = s.charAt(++i);
                    switch (n) {
                        case '\'' -> out.append('\'');
                        case '\\' -> out.append('\\');
                        case 'a' -> out.append('\u0007');
                        case 'b' -> out.append('\b');
                        case 't' -> out.append('\t');
                        case 'n' -> out.append('\n');
                        case 'v' -> out.append('\u000B');
                        case 'f' -> out.append('\f');
                        case 'r' -> out.append('\r');
                        default -> out.append('\\').append(n);
                    }
                } else {
                    out.append(c);
                }
            }
            return out.toString();
        }
    }
}
