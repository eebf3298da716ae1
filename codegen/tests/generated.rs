//! What the generated code says, read back from the tokens `Build` writes: which codes each
//! check and constructor matches, how covered runs are merged into few arms, and the shapes
//! that only compile (or only stay lint-free) for the tables they are chosen for. The root
//! suite runs generated types; these tests pin the same facts without a compile, so that a
//! change to the expansion fails here first.

use std::fmt::Write as _;

use close_codes_codegen::Build;
use close_codes_codegen::Source;
use proc_macro2::{Delimiter, TokenStream, TokenTree};

const SEED: &str = include_str!("../../codes.md");

fn generated_text(table: &str) -> String {
    Build::new("t.md")
        .generate_from(&Source::new("t.md", table))
        .expect("the table is valid")
}

fn generated(table: &str) -> TokenStream {
    generated_text(table).parse().expect("the output lexes")
}

/// The brace body of the first `fn name` anywhere in `tokens`.
fn body_of(tokens: &TokenStream, name: &str) -> TokenStream {
    find_body(tokens, name).unwrap_or_else(|| panic!("no `fn {name}` in {tokens}"))
}

fn find_body(tokens: &TokenStream, name: &str) -> Option<TokenStream> {
    let trees: Vec<TokenTree> = tokens.clone().into_iter().collect();
    for (at, tree) in trees.iter().enumerate() {
        match tree {
            TokenTree::Ident(ident) if ident == "fn" => {
                if matches!(trees.get(at + 1), Some(TokenTree::Ident(next)) if next == name) {
                    return trees[at + 2..].iter().find_map(|tree| match tree {
                        TokenTree::Group(group) if group.delimiter() == Delimiter::Brace => {
                            Some(group.stream())
                        }
                        _ => None,
                    });
                }
            }
            TokenTree::Group(group) => {
                if let Some(body) = find_body(&group.stream(), name) {
                    return Some(body);
                }
            }
            _ => {}
        }
    }
    None
}

fn number(tree: &TokenTree) -> u16 {
    match tree {
        TokenTree::Literal(literal) => literal.to_string().parse().expect("a code literal"),
        other => panic!("expected a code, got `{other}`"),
    }
}

/// The codes of a pattern such as `1000 ..= 1003 | 1015`, as inclusive runs.
fn runs(pattern: &[TokenTree]) -> Vec<(u16, u16)> {
    let mut runs = Vec::new();
    for alternative in
        pattern.split(|tree| matches!(tree, TokenTree::Punct(p) if p.as_char() == '|'))
    {
        match alternative {
            [single] => runs.push((number(single), number(single))),
            [
                start,
                TokenTree::Punct(dot),
                TokenTree::Punct(_),
                TokenTree::Punct(eq),
                end,
            ] if dot.as_char() == '.' && eq.as_char() == '=' => {
                runs.push((number(start), number(end)));
            }
            other => panic!("not a code pattern: {other:?}"),
        }
    }
    runs
}

/// The codes a `matches!(value, PATTERN)` body tests, or `Err` with the body when it is not
/// such a test (a constant `true` or `false`).
fn matched(body: &TokenStream) -> Result<Vec<(u16, u16)>, String> {
    let trees: Vec<TokenTree> = body.clone().into_iter().collect();
    let Some(TokenTree::Group(args)) = trees.iter().find(
        |tree| matches!(tree, TokenTree::Group(g) if g.delimiter() == Delimiter::Parenthesis),
    ) else {
        return Err(body.to_string());
    };
    let args: Vec<TokenTree> = args.stream().into_iter().collect();
    let comma = args
        .iter()
        .position(|tree| matches!(tree, TokenTree::Punct(p) if p.as_char() == ','))
        .expect("matches!(value, pattern)");
    Ok(runs(&args[comma + 1..]))
}

/// The arms of the `match` in a body: each arm's pattern tokens and its expression as text.
fn arms(body: &TokenStream) -> Vec<(Vec<TokenTree>, String)> {
    let trees: Vec<TokenTree> = body.clone().into_iter().collect();
    let at = trees
        .iter()
        .position(|tree| matches!(tree, TokenTree::Ident(i) if i == "match"))
        .expect("a match");
    let Some(TokenTree::Group(group)) = trees[at + 1..]
        .iter()
        .find(|tree| matches!(tree, TokenTree::Group(g) if g.delimiter() == Delimiter::Brace))
    else {
        panic!("a match body");
    };
    let mut arms = Vec::new();
    let mut pattern = Vec::new();
    let mut expression: Option<Vec<TokenTree>> = None;
    let mut previous_eq = false;
    for tree in group.stream() {
        let is = |c: char| matches!(&tree, TokenTree::Punct(p) if p.as_char() == c);
        match expression.as_mut() {
            None if previous_eq && is('>') => {
                pattern.pop();
                expression = Some(Vec::new());
            }
            None => {
                previous_eq = is('=');
                pattern.push(tree);
            }
            Some(_) if is(',') => {
                let done = expression.take().unwrap_or_default();
                let text = done.into_iter().collect::<TokenStream>().to_string();
                arms.push((std::mem::take(&mut pattern), text));
                previous_eq = false;
            }
            Some(expression) => expression.push(tree),
        }
    }
    if let Some(done) = expression {
        arms.push((
            pattern,
            done.into_iter().collect::<TokenStream>().to_string(),
        ));
    }
    arms
}

/// The codes of `from_u16`'s arm whose value names `variant`.
fn arm_codes(tokens: &TokenStream, variant: &str) -> Vec<(u16, u16)> {
    let body = body_of(tokens, "from_u16");
    let needle = format!("Self :: {variant}");
    let arm = arms(&body)
        .into_iter()
        .find(|(_, value)| value.contains(&needle))
        .unwrap_or_else(|| panic!("no arm makes {variant}: {body}"));
    runs(&arm.0)
}

/// The codes `from_u16` refuses before its `match`, if it does.
fn refused_first(tokens: &TokenStream) -> Option<Vec<(u16, u16)>> {
    let body = body_of(tokens, "from_u16");
    let trees: Vec<TokenTree> = body.into_iter().collect();
    if !matches!(trees.first(), Some(TokenTree::Ident(i)) if i == "if") {
        return None;
    }
    let condition: TokenStream = trees
        .iter()
        .skip(1)
        .take_while(
            |tree| !matches!(tree, TokenTree::Group(g) if g.delimiter() == Delimiter::Brace),
        )
        .cloned()
        .collect();
    Some(matched(&condition).expect("a matches! condition"))
}

fn has_fallback_arm(tokens: &TokenStream) -> bool {
    arms(&body_of(tokens, "from_u16"))
        .iter()
        .any(|(pattern, _)| matches!(pattern.as_slice(), [TokenTree::Ident(i)] if i == "_"))
}

#[test]
fn the_bundled_predicates_test_merged_runs_of_codes() {
    let tokens = generated(SEED);
    assert_eq!(
        matched(&body_of(&tokens, "is_sendable")),
        Ok(vec![(1000, 1003), (1007, 1014), (3000, 4999)])
    );
    assert_eq!(
        matched(&body_of(&tokens, "is_reserved")),
        Ok(vec![(1005, 1006), (1015, 1015)])
    );
}

#[test]
fn the_bundled_from_u16_refuses_uncovered_codes_first_and_spans_named_ones() {
    let tokens = generated(SEED);
    assert_eq!(refused_first(&tokens), Some(vec![(5000, 65535)]));
    // `Other`'s arm comes after the named codes' arms, so one run covers them all.
    assert_eq!(arm_codes(&tokens, "Other"), [(0, 4999)]);
    assert_eq!(arm_codes(&tokens, "NormalClosure"), [(1000, 1000)]);
    assert!(has_fallback_arm(&tokens));
}

const HEADER: &str = "| Code | Name | Reserved | Custom |\n|---|---|---|---|\n";

#[test]
fn runs_with_a_gap_between_them_stay_apart() {
    let tokens = generated(&format!(
        "{HEADER}| 10 - 19 | | | Yes |\n| 30 - 39 | | | Yes |\n| 40 | Forty | | |\n| 50 | | Yes | |\n| 51 | | Yes | |\n"
    ));
    assert_eq!(arm_codes(&tokens, "Other"), [(10, 19), (30, 40), (50, 51)]);
    assert_eq!(
        matched(&body_of(&tokens, "is_sendable")),
        Ok(vec![(10, 19), (30, 40)])
    );
    assert_eq!(
        matched(&body_of(&tokens, "is_reserved")),
        Ok(vec![(50, 51)])
    );
    assert_eq!(refused_first(&tokens), Some(vec![(0, 9), (52, 65535)]));
}

#[test]
fn an_unnamed_run_with_named_codes_at_its_ends_is_one_arm() {
    // 5 and 9 are named; the unnamed 6-8 touch them, so the run 5-9 holds `Other` codes.
    let tokens = generated(&format!(
        "{HEADER}| 5 | Five | | |\n| 6 - 8 | | | No |\n| 9 | Nine | | |\n| 20 | Twenty | | |\n"
    ));
    assert_eq!(arm_codes(&tokens, "Other"), [(5, 9)]);
}

#[test]
fn a_run_without_unnamed_codes_gets_no_other_arm() {
    let tokens = generated(&format!(
        "{HEADER}| 1 | One | | |\n| 2 | Two | | |\n| 10 - 12 | | | No |\n"
    ));
    assert_eq!(arm_codes(&tokens, "Other"), [(10, 12)]);
}

#[test]
fn a_predicate_that_holds_for_no_code_or_every_code_is_a_constant() {
    let tokens = generated(&format!(
        "{HEADER}| 1005 | Gone | Yes | |\n| 1006 | Lost | Yes | |\n"
    ));
    assert_eq!(
        matched(&body_of(&tokens, "is_sendable")),
        Err("false".to_owned())
    );
    assert_eq!(
        matched(&body_of(&tokens, "is_reserved")),
        Err("true".to_owned())
    );
    // The method says why `self` goes unused instead of dodging the lint.
    let text = tokens.to_string();
    let allow = "# [allow (clippy :: unused_self , reason = \"the table's rows decide this rule alike for every code\")]";
    assert!(
        text.contains(&format!("{allow} pub const fn is_sendable")),
        "{text}"
    );
    assert!(
        text.contains(&format!("{allow} pub const fn is_reserved")),
        "{text}"
    );
}

#[test]
fn a_table_covering_every_code_refuses_none() {
    let tokens = generated(&format!(
        "{HEADER}| 0 - 65535 | | | Yes |\n| 1000 | Fine | | |\n"
    ));
    assert_eq!(refused_first(&tokens), None);
    assert!(!has_fallback_arm(&tokens));
    assert_eq!(arm_codes(&tokens, "Other"), [(0, 65535)]);
}

#[test]
fn tables_reaching_either_end_refuse_only_the_other_side() {
    let low = generated(&format!("{HEADER}| 0 - 10 | | | Yes |\n"));
    assert_eq!(refused_first(&low), Some(vec![(11, 65535)]));
    assert!(has_fallback_arm(&low));
    let high = generated(&format!("{HEADER}| 65000 - 65535 | | | Yes |\n"));
    assert_eq!(refused_first(&high), Some(vec![(0, 64999)]));
    assert!(has_fallback_arm(&high));
    // One code short of all: the fallback arm is still needed.
    let all_but_one = generated(&format!("{HEADER}| 0 - 65534 | | | Yes |\n"));
    assert_eq!(refused_first(&all_but_one), Some(vec![(65535, 65535)]));
    assert!(has_fallback_arm(&all_but_one));
}

#[test]
fn unit_variants_have_their_code_as_discriminant_and_cast_back() {
    let text = generated_text(&format!(
        "{HEADER}| 1000 | Fine | | |\n| 1001 | Gone | | |\n"
    ));
    assert!(text.contains("Fine = 1000 ,"), "{text}");
    assert!(text.contains("# [repr (u16)]"), "{text}");
    assert!(
        !text.contains("Other"),
        "no unnamed code, no `Other`: {text}"
    );
    let tokens: TokenStream = text.parse().unwrap();
    assert_eq!(body_of(&tokens, "as_u16").to_string(), "self as u16");
}

#[test]
fn payload_variants_are_matched_back_to_their_code() {
    let tokens = generated(SEED);
    let as_u16 = body_of(&tokens, "as_u16").to_string();
    assert!(as_u16.starts_with("match self {"), "{as_u16}");
    assert!(
        as_u16.contains("Self :: Other (code) => code . get ()"),
        "{as_u16}"
    );
}

#[test]
fn a_named_range_refined_away_takes_a_free_discriminant_and_no_arm() {
    // 10 and 11 refine the whole named range 10-11: it keeps no code of its own.
    let tokens = generated(&format!(
        "{HEADER}| 10 - 11 | Pair | | Yes |\n| 10 | Ten | | |\n| 11 | Eleven | | |\n| 0 | Zero | | |\n"
    ));
    let text = tokens.to_string();
    // 0, 10 and 11 are taken by the unit variants, so the range gets 1.
    assert!(
        text.contains("Pair (:: close_codes :: Unnamed < Self , 10 , 11 >) = 1"),
        "{text}"
    );
    assert!(
        !arms(&body_of(&tokens, "from_u16"))
            .iter()
            .any(|(_, value)| value.contains("Self :: Pair")),
        "{text}"
    );
}

#[test]
fn a_named_range_takes_its_first_own_code_as_discriminant() {
    let tokens = generated(&format!(
        "{HEADER}| 4000 - 4099 | Kicked | | Yes |\n| 4000 | First | | |\n"
    ));
    let text = tokens.to_string();
    assert!(
        text.contains("Kicked (:: close_codes :: Unnamed < Self , 4000 , 4099 >) = 4001"),
        "{text}"
    );
    assert_eq!(arm_codes(&tokens, "Kicked"), [(4001, 4099)]);
    assert_eq!(
        body_of(&tokens, "row").to_string(),
        "& Self :: ROWS [match self { Self :: Kicked (_) => 0 , Self :: First => 1 , }]"
    );
}

/// The expression of `row()`'s arm for `Other`.
fn other_row_arm(tokens: &TokenStream) -> String {
    let body = body_of(tokens, "row").to_string();
    let at = body.find("Self :: Other").expect("an Other arm");
    body[at..].to_owned()
}

#[test]
fn one_unnamed_row_needs_no_lookup_for_its_row() {
    let tokens = generated(&format!(
        "{HEADER}| 1 | One | | |\n| 4000 - 4999 | | | Yes |\n"
    ));
    assert_eq!(other_row_arm(&tokens), "Self :: Other (_) => 1 , }]");
}

#[test]
fn several_unnamed_rows_are_told_apart_by_code_with_the_last_as_fallback() {
    let tokens = generated(&format!(
        "{HEADER}| 0 - 999 | | | No |\n| 1000 | Fine | | |\n| 1016 - 2999 | | | No |\n| 4000 - 4999 | | | Yes |\n"
    ));
    assert_eq!(
        other_row_arm(&tokens),
        "Self :: Other (code) => match code . get () { 0 ..= 999 => 0 , 1016 ..= 2999 => 2 , _ => 3 , } , }]"
    );
}

/// A table whose unnamed range 0-999 is cut into `runs` runs by named single codes.
fn cut_into(runs: u16) -> String {
    let mut table = format!("{HEADER}| 0 - 999 | | | Yes |\n");
    for named in 1..runs {
        let _ = writeln!(table, "| {} | N{named} | | |", named * 2);
    }
    table
}

#[test]
fn other_lists_up_to_a_dozen_runs_in_its_doc_and_counts_more() {
    let twelve = generated_text(&cut_into(12));
    assert!(
        twelve.contains("naming it: `0`–`1`, `3`, `5`, `7`, `9`, `11`, `13`, `15`, `17`, `19`, `21`, `23`–`999`."),
        "{twelve}"
    );
    let thirteen = generated_text(&cut_into(13));
    assert!(
        thirteen.contains("naming it: 13 runs of codes, listed in `ROWS`."),
        "{thirteen}"
    );
}

/// A table of `rows` named single codes.
fn rows(rows: u16) -> String {
    let mut table = "| Code | Name |\n|---|---|\n".to_owned();
    for code in 0..rows {
        let _ = writeln!(table, "| {code} | N{code} |");
    }
    table
}

#[test]
fn the_enum_doc_summarises_up_to_500_rows_in_a_table() {
    let summary = "\" | Code | Variant | Rules | Usage |\"";
    let at_limit = generated_text(&rows(500));
    assert!(at_limit.contains(summary));
    assert!(at_limit.contains("\" | 499 | [`N499`](Self::N499) | sendable |  |\""));
    assert!(!generated_text(&rows(501)).contains(summary));
    assert!(generated_text(&rows(1)).contains(summary));
}

#[test]
fn row_data_carries_every_cell() {
    let text = generated_text(
        "| Code | Name | Reserved | Custom | Usage |\n|---|---|---|---|---|\n| 1014 | *Bad* gateway | | | Equivalent to HTTP `502` |\n| 1016 - 2999 | | - | Extensions only | |\n",
    );
    assert!(
        text.contains(":: close_codes :: Row :: __from (:: close_codes :: __private :: RowInit { start : 1014 , end : 1014 , name : :: core :: option :: Option :: Some (\"Bad gateway\") , reserved : false , custom : :: close_codes :: Custom :: Unspecified , sendable : true , usage : \"Equivalent to HTTP 502\" , http_status : :: core :: option :: Option :: Some (502) , line : 3 , })"),
        "{text}"
    );
    assert!(
        text.contains(":: close_codes :: Row :: __from (:: close_codes :: __private :: RowInit { start : 1016 , end : 2999 , name : :: core :: option :: Option :: None , reserved : false , custom : :: close_codes :: Custom :: ExtensionsOnly , sendable : false , usage : \"\" , http_status : :: core :: option :: Option :: None , line : 4 , })"),
        "{text}"
    );
}

#[test]
fn variant_docs_give_the_usage_then_codes_name_and_rules() {
    let text = generated_text(
        "| Code | Name | Reserved | Custom | Usage |\n|---|---|---|---|---|\n| 1005 | No *Status* | Yes | | Reported only |\n| 4000 - 4099 | Kicked | | Yes | |\n| 1004 | Spare | | No | |\n",
    );
    assert!(text.contains("# [doc = \" Reported only\"] # [doc = \"\"] # [doc = \" `1005` · No *Status* · reserved: reported, never sent · `t.md` line 3\"]"), "{text}");
    assert!(text.contains("# [doc = \" `4000`–`4099` · Kicked · sendable · `t.md` line 4\"] # [doc (alias = \"4000\")] Kicked"), "{text}");
    assert!(
        text.contains("# [doc = \" `1004` · Spare · sendable · `t.md` line 5\"]"),
        "{text}"
    );
}
