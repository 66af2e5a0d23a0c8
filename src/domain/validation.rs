//! Field errors: what is wrong with which field, as a message key that the web layer and the CLI
//! turn into Vietnamese or English text.

use std::borrow::Cow;
use std::collections::BTreeMap;

/// One problem with one field. `key` names a message in the text catalog; `arg` fills its `{}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub key: &'static str,
    pub arg: Option<String>,
}

/// Problems found in a form or a row, by field name, in a stable order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldErrors(BTreeMap<Cow<'static, str>, FieldError>);

impl FieldErrors {
    pub fn new() -> Self {
        Self::default()
    }

    /// Records the first problem of a field; later ones for the same field are dropped so the
    /// user sees one clear message at a time.
    pub fn add(&mut self, field: impl Into<Cow<'static, str>>, key: &'static str) {
        self.0
            .entry(field.into())
            .or_insert(FieldError { key, arg: None });
    }

    pub fn add_with(
        &mut self,
        field: impl Into<Cow<'static, str>>,
        key: &'static str,
        arg: impl Into<String>,
    ) {
        self.0.entry(field.into()).or_insert(FieldError {
            key,
            arg: Some(arg.into()),
        });
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn get(&self, field: &str) -> Option<&FieldError> {
        self.0.get(field)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &FieldError)> {
        self.0.iter().map(|(k, v)| (k.as_ref(), v))
    }

    /// `Ok(value)` when nothing was recorded, else the errors.
    pub fn into_result<T>(self, value: impl FnOnce() -> T) -> Result<T, FieldErrors> {
        if self.is_empty() {
            Ok(value())
        } else {
            Err(self)
        }
    }
}

/// Checks a required, single-line text field: trimmed, not empty, at most `max` characters,
/// no control characters. Returns the trimmed text.
pub fn required_text(
    errors: &mut FieldErrors,
    field: &'static str,
    value: &str,
    max: usize,
) -> String {
    let value = value.trim();
    if value.is_empty() {
        errors.add(field, "err.required");
    } else {
        check_text(errors, field, value, max);
    }
    value.to_string()
}

/// Checks an optional single-line text field; empty becomes `None`.
pub fn optional_text(
    errors: &mut FieldErrors,
    field: &'static str,
    value: &str,
    max: usize,
) -> Option<String> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    check_text(errors, field, value, max);
    Some(value.to_string())
}

/// Checks a multi-line text field (guidance, a list of recipients): line ends made plain,
/// trimmed, at most `max` characters, no control characters but line breaks and tabs.
pub fn long_text(errors: &mut FieldErrors, field: &'static str, value: &str, max: usize) -> String {
    let value = value.replace("\r\n", "\n").trim().to_string();
    check_text(errors, field, &value, max);
    value
}

fn check_text(errors: &mut FieldErrors, field: &'static str, value: &str, max: usize) {
    if super::text::char_len(value) > max {
        errors.add_with(field, "err.too_long", max.to_string());
    } else if super::text::has_control_chars(value) {
        errors.add(field, "err.control_chars");
    }
}
