//! Picking a language from bilingual text.

use super::model::{Lang, Text};

impl Text {
    /// The text in `lang`, falling back to the other language rather than
    /// showing nothing.
    pub fn get(&self, lang: Lang) -> &str {
        let (want, other) = match lang {
            Lang::En => (&self.en, &self.zh),
            Lang::Zh => (&self.zh, &self.en),
        };
        if want.is_empty() { other } else { want }
    }
}
