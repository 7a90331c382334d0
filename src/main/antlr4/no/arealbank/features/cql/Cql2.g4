/*
 * CQL2 text encoding (OGC 21-065r2 "Common Query Language (CQL2)" 1.0.0, Annex B), written for ANTLR from the
 * standard's BNF. It recognises what Arealbank evaluates: Basic CQL2, the advanced comparison operators, the spatial
 * functions with WKT and BBOX literals, and property-property comparisons.
 *
 * Deliberate differences from the BNF:
 * - NOT, AND and OR are loops, not left recursion, so precedence is NOT > AND > OR as the BNF's
 *   booleanExpression / booleanTerm / booleanFactor layering says, and deep chains do not recurse.
 * - Any name followed by "(" parses as a function call, so CASEI(), T_AFTER(), A_CONTAINS() and friends are rejected
 *   later with a message that names the function, instead of a bare syntax error.
 * - A number's sign is part of the NUMBER token: there is no arithmetic, and WKT coordinates such as "7 -3" then
 *   need no whitespace rules. The WKT text itself is handed to JTS; these rules only find where it ends and report
 *   malformed coordinates with a position.
 * - Keywords are case-insensitive (spelt with one-letter fragments); property names keep the case they were written
 *   in. The lexer's caseInsensitive option is not used: it would fold the BNF's identifier ranges into each other.
 */
grammar Cql2;

filter
    : booleanExpression EOF
    ;

booleanExpression
    : booleanTerm (OR booleanTerm)*
    ;

booleanTerm
    : booleanFactor (AND booleanFactor)*
    ;

booleanFactor
    : nots+=NOT* booleanPrimary
    ;

booleanPrimary
    : predicate                         # predicatePrimary
    | value=(TRUE | FALSE)              # booleanLiteralPrimary
    | functionCall                      # functionPrimary
    | '(' booleanExpression ')'         # nestedPrimary
    ;

predicate
    : left=operand comparisonOperator right=operand                          # binaryComparison
    | value=operand NOT? LIKE pattern=operand                                # likePredicate
    | value=operand NOT? BETWEEN low=operand AND high=operand                # betweenPredicate
    | value=operand NOT? IN '(' items+=operand (',' items+=operand)* ')'     # inPredicate
    | value=operand IS NOT? NULL                                             # isNullPredicate
    | spatialFunction '(' left=operand ',' right=operand ')'                 # spatialPredicate
    ;

comparisonOperator
    : EQ | NEQ | LT | LTE | GT | GTE
    ;

spatialFunction
    : S_INTERSECTS | S_EQUALS | S_DISJOINT | S_TOUCHES | S_WITHIN | S_OVERLAPS | S_CROSSES | S_CONTAINS
    ;

operand
    : propertyName                      # propertyOperand
    | STRING                            # stringOperand
    | NUMBER                            # numberOperand
    | value=(TRUE | FALSE)              # booleanOperand
    | DATE '(' STRING ')'               # dateOperand
    | TIMESTAMP '(' STRING ')'          # timestampOperand
    | spatialLiteral                    # spatialOperand
    | functionCall                      # functionOperand
    ;

propertyName
    : IDENTIFIER
    | QUOTED_IDENTIFIER
    ;

// Only recognised so that the error can name the function; see the header.
functionCall
    : IDENTIFIER '(' (argument (',' argument)*)? ')'
    ;

argument
    : booleanExpression
    | operand
    | '(' (argument (',' argument)*)? ')'
    ;

spatialLiteral
    : wkt
    | bbox
    ;

// The optional flag after the tag must be "Z" (checked by the visitor, so a property named z stays possible).
wkt
    : POINT zFlag? pointText
    | LINESTRING zFlag? lineStringText
    | POLYGON zFlag? polygonText
    | MULTIPOINT zFlag? multiPointText
    | MULTILINESTRING zFlag? multiLineStringText
    | MULTIPOLYGON zFlag? multiPolygonText
    | GEOMETRYCOLLECTION zFlag? '(' wkt (',' wkt)* ')'
    ;

zFlag
    : IDENTIFIER
    ;

coordinate
    : NUMBER NUMBER NUMBER?
    ;

pointText
    : '(' coordinate ')'
    ;

lineStringText
    : '(' coordinate (',' coordinate)* ')'
    ;

polygonText
    : '(' lineStringText (',' lineStringText)* ')'
    ;

// Both MULTIPOINT((7 50), (10 51)) and the common MULTIPOINT(7 50, 10 51).
multiPointText
    : '(' (pointText | coordinate) (',' (pointText | coordinate))* ')'
    ;

multiLineStringText
    : '(' lineStringText (',' lineStringText)* ')'
    ;

multiPolygonText
    : '(' polygonText (',' polygonText)* ')'
    ;

// BBOX(minx, miny, maxx, maxy) or, with elevations, BBOX(minx, miny, minz, maxx, maxy, maxz).
bbox
    : BBOX '(' NUMBER ',' NUMBER ',' NUMBER ',' NUMBER (',' NUMBER ',' NUMBER)? ')'
    ;

// Keywords. Listed before IDENTIFIER, so they win over it at equal length.
AND : A N D ;
OR : O R ;
NOT : N O T ;
LIKE : L I K E ;
BETWEEN : B E T W E E N ;
IN : I N ;
IS : I S ;
NULL : N U L L ;
TRUE : T R U E ;
FALSE : F A L S E ;
DATE : D A T E ;
TIMESTAMP : T I M E S T A M P ;

S_INTERSECTS : S '_' I N T E R S E C T S ;
S_EQUALS : S '_' E Q U A L S ;
S_DISJOINT : S '_' D I S J O I N T ;
S_TOUCHES : S '_' T O U C H E S ;
S_WITHIN : S '_' W I T H I N ;
S_OVERLAPS : S '_' O V E R L A P S ;
S_CROSSES : S '_' C R O S S E S ;
S_CONTAINS : S '_' C O N T A I N S ;

POINT : P O I N T ;
LINESTRING : L I N E S T R I N G ;
POLYGON : P O L Y G O N ;
MULTIPOINT : M U L T I P O I N T ;
MULTILINESTRING : M U L T I L I N E S T R I N G ;
MULTIPOLYGON : M U L T I P O L Y G O N ;
GEOMETRYCOLLECTION : G E O M E T R Y C O L L E C T I O N ;
BBOX : B B O X ;

EQ : '=' ;
NEQ : '<>' ;
LTE : '<=' ;
GTE : '>=' ;
LT : '<' ;
GT : '>' ;

// A character literal: '' and \' both stand for a quote; other backslash escapes are decoded by the visitor.
STRING
    : '\'' ( '\'\'' | '\\' . | ~['\\] )* '\''
    ;

NUMBER
    : [+-]? ( DIGIT+ ('.' DIGIT*)? | '.' DIGIT+ ) ([eE] [+-]? DIGIT+)?
    ;

// The BNF's propertyName: an XML-style name, or anything but a double quote inside double quotes.
IDENTIFIER
    : IDENTIFIER_START IDENTIFIER_PART*
    ;

QUOTED_IDENTIFIER
    : '"' ~["\r\n]+ '"'
    ;

// The BNF's whitespace characters.
WS
    : [ \t\n\u000B\f\r\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]+ -> skip
    ;

fragment DIGIT
    : [0-9]
    ;

fragment IDENTIFIER_START
    : [:_A-Za-z]
    | [\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFE\u200C-\u200D\u2070-\u218F]
    | [\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD]
    | [\u{10000}-\u{EFFFF}]
    ;

fragment IDENTIFIER_PART
    : IDENTIFIER_START
    | [.0-9\u0300-\u036F\u203F-\u2040]
    ;

// One fragment per letter that keywords use, matching either case.
fragment A : [aA] ;
fragment B : [bB] ;
fragment C : [cC] ;
fragment D : [dD] ;
fragment E : [eE] ;
fragment F : [fF] ;
fragment G : [gG] ;
fragment H : [hH] ;
fragment I : [iI] ;
fragment J : [jJ] ;
fragment K : [kK] ;
fragment L : [lL] ;
fragment M : [mM] ;
fragment N : [nN] ;
fragment O : [oO] ;
fragment P : [pP] ;
fragment Q : [qQ] ;
fragment R : [rR] ;
fragment S : [sS] ;
fragment T : [tT] ;
fragment U : [uU] ;
fragment V : [vV] ;
fragment W : [wW] ;
fragment X : [xX] ;
fragment Y : [yY] ;
