//! A hot wash question, asked always or only when a condition held at the
//! end. Authors write the plain form `(en: "...", zh: "...")`, or
//! `(question: (en: "...", zh: "..."), when: Fired("spoof"))`.
//!
//! One hand-written visitor reads both forms field by field, so a mistake
//! inside `when` gets the same precise error as any other condition (an
//! untagged enum would only say that no variant matched).

use serde::de::{self, MapAccess, Visitor};
use serde::ser::SerializeStruct;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

use super::model::{Cond, Lang, Text};

#[derive(Debug, Clone, Default)]
pub struct Question {
    pub text: Text,
    /// Asked only if this holds on the final state.
    pub when: Option<Cond>,
}

impl Question {
    /// The question in `lang`, as `Text::get`.
    pub fn get(&self, lang: Lang) -> &str {
        self.text.get(lang)
    }
}

impl From<Text> for Question {
    fn from(text: Text) -> Question {
        Question { text, when: None }
    }
}

const FIELDS: &[&str] = &["en", "zh", "question", "when"];

impl<'de> Deserialize<'de> for Question {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Question, D::Error> {
        d.deserialize_struct("Question", FIELDS, QuestionVisitor)
    }
}

struct QuestionVisitor;

impl<'de> Visitor<'de> for QuestionVisitor {
    type Value = Question;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a question: `(en: .., zh: ..)` or `(question: (en: .., zh: ..), when: ..)`")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Question, A::Error> {
        let (mut plain, mut question, mut when) = (None::<Text>, None::<Text>, None);
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "en" => plain.get_or_insert_default().en = map.next_value()?,
                "zh" => plain.get_or_insert_default().zh = map.next_value()?,
                "question" => question = Some(map.next_value()?),
                "when" => when = Some(map.next_value::<Cond>()?),
                other => return Err(de::Error::unknown_field(other, FIELDS)),
            }
        }
        match (plain, question) {
            (Some(_), Some(_)) => Err(de::Error::custom(
                "write either `en`/`zh` or `question`, not both",
            )),
            (Some(_), None) if when.is_some() => Err(de::Error::custom(
                "a question with `when` puts its text in `question: (en: .., zh: ..)`",
            )),
            (None, None) if when.is_some() => Err(de::Error::missing_field("question")),
            (plain, question) => Ok(Question {
                text: question.or(plain).unwrap_or_default(),
                when,
            }),
        }
    }
}

impl Serialize for Question {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match &self.when {
            None => self.text.serialize(s),
            Some(c) => {
                let mut st = s.serialize_struct("Question", 2)?;
                st.serialize_field("question", &self.text)?;
                st.serialize_field("when", c)?;
                st.end()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(src: &str) -> Result<Question, ron::error::SpannedError> {
        ron::from_str(src)
    }

    #[test]
    fn a_plain_question_reads_as_before() {
        let q = parse(r#"(en: "Why?", zh: "为什么？")"#).unwrap();
        assert_eq!((q.get(Lang::En), q.get(Lang::Zh)), ("Why?", "为什么？"));
        assert!(q.when.is_none());
    }

    #[test]
    fn a_question_may_carry_a_condition() {
        let q = parse(r#"(question: (en: "Spoof?", zh: "伪造？"), when: Fired("spoof"))"#).unwrap();
        assert_eq!(q.get(Lang::En), "Spoof?");
        assert!(matches!(q.when, Some(Cond::Fired(ref i)) if i == "spoof"));
    }

    #[test]
    fn a_misspelt_condition_is_reported_as_such() {
        let e = parse(r#"(question: (en: "x"), when: Fird("spoof"))"#).unwrap_err();
        assert!(e.to_string().contains("Fird"), "{e}");
    }

    #[test]
    fn text_beside_a_condition_must_go_in_question() {
        assert!(parse(r#"(en: "x", when: Always)"#).is_err());
        assert!(parse(r#"(en: "x", question: (en: "y"))"#).is_err());
        assert!(parse(r#"(when: Always)"#).is_err());
        assert!(parse(r#"(en: "x", whn: Always)"#).is_err());
    }

    #[test]
    fn both_forms_survive_a_round_trip() {
        for src in [
            r#"(en: "a", zh: "甲")"#,
            r#"(question: (en: "b", zh: "乙"), when: SpoofExposed)"#,
        ] {
            let q = parse(src).unwrap();
            let back: Question = parse(&ron::to_string(&q).unwrap()).unwrap();
            assert_eq!(back.text, q.text);
            assert_eq!(back.when.is_some(), q.when.is_some());
        }
    }
}
