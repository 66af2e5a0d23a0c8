//! Form text before any handler sees it: a form whose text is not UTF-8 is refused with a
//! message, rather than stored with replacement characters; control characters (other than
//! tab and line breaks) are taken out of every value, since no field of the product means
//! them and they break documents and logs. Addresses longer than any page of the product makes
//! are refused with the error page.

use super::error::AppError;
use super::session::RequestCtx;
use axum::body::{Body, Bytes};
use axum::extract::Request;
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use percent_encoding::percent_decode;

/// The longest address the product answers: far above any link it makes (a filtered list's
/// query is a few hundred characters), far below what the HTTP layer itself refuses.
pub const MAX_URI_BYTES: usize = 8 * 1024;

pub async fn clean_forms(req: Request, next: Next) -> Response {
    let lang = req
        .extensions()
        .get::<RequestCtx>()
        .map(|c| c.lang)
        .unwrap_or_default();
    let address = req.uri().path_and_query().map_or(0, |pq| pq.as_str().len());
    if address > MAX_URI_BYTES {
        return AppError::UriTooLong.into_response_for(lang);
    }
    let urlencoded = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    if !urlencoded {
        return next.run(req).await;
    }
    let (mut parts, body) = req.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, super::MAX_BODY_BYTES).await else {
        return AppError::TooLarge.into_response_for(lang);
    };
    let body = match cleaned(&bytes) {
        Err(NotUtf8) => return AppError::NotUtf8.into_response_for(lang),
        Ok(None) => bytes,
        Ok(Some(changed)) => {
            parts
                .headers
                .insert(header::CONTENT_LENGTH, HeaderValue::from(changed.len()));
            Bytes::from(changed)
        }
    };
    next.run(Request::from_parts(parts, Body::from(body))).await
}

#[derive(Debug, PartialEq)]
struct NotUtf8;

/// The form with control characters taken out, or `None` when it holds none.
fn cleaned(body: &[u8]) -> Result<Option<Vec<u8>>, NotUtf8> {
    let mut pairs = Vec::new();
    let mut changed = false;
    for pair in body.split(|b| *b == b'&').filter(|p| !p.is_empty()) {
        let (name, value) = match pair.iter().position(|b| *b == b'=') {
            Some(at) => (&pair[..at], &pair[at + 1..]),
            None => (pair, &b""[..]),
        };
        let (name, value) = (decoded(name)?, decoded(value)?);
        let kept: String = value.chars().filter(|c| !unwanted(*c)).collect();
        changed |= kept.len() != value.len();
        pairs.push((name, kept));
    }
    Ok(changed.then(|| {
        url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(pairs)
            .finish()
            .into_bytes()
    }))
}

/// One name or value of a form, decoded as a browser encodes it (`+` for a space).
fn decoded(raw: &[u8]) -> Result<String, NotUtf8> {
    let spaced: Vec<u8> = raw
        .iter()
        .map(|b| if *b == b'+' { b' ' } else { *b })
        .collect();
    percent_decode(&spaced)
        .decode_utf8()
        .map(|text| text.into_owned())
        .map_err(|_| NotUtf8)
}

fn unwanted(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(body: &[u8]) -> Vec<(String, String)> {
        url::form_urlencoded::parse(body).into_owned().collect()
    }

    #[test]
    fn a_form_without_control_characters_passes_unchanged() {
        assert_eq!(cleaned(b"body=S%E1%BB%9F+Y+t%E1%BA%BF&n=1"), Ok(None));
        assert_eq!(cleaned(b"a=x%0D%0Ay%09z"), Ok(None));
    }

    #[test]
    fn control_characters_are_taken_out_and_the_rest_kept() {
        let out = cleaned(b"name=A%00B%1B%5B31mC%7F&x=1&empty").expect("utf-8");
        assert_eq!(
            decode(&out.expect("changed")),
            [
                ("name".to_string(), "AB[31mC".to_string()),
                ("x".to_string(), "1".to_string()),
                ("empty".to_string(), String::new()),
            ]
        );
    }

    #[test]
    fn text_that_is_not_utf8_is_refused() {
        assert_eq!(cleaned(b"body=%FF%FE"), Err(NotUtf8));
        assert_eq!(cleaned(b"%C3=x"), Err(NotUtf8));
        assert_eq!(cleaned(b"a=\xff"), Err(NotUtf8));
    }
}
