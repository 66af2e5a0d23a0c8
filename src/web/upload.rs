//! A file sent with a form (multipart), read with a bound: an oversized upload is refused as
//! soon as it passes the bound, without reading the rest.

use super::{AppError, AppState};
use axum::extract::{FromRequest, Multipart, Request};

/// What an import form sent: the file (name and bytes) and whether only valid rows are wanted.
#[derive(Debug, Default)]
pub struct Upload {
    pub file_name: String,
    pub bytes: Vec<u8>,
    /// The file passed `max` bytes; `bytes` holds only the start of it.
    pub too_big: bool,
    pub valid_only: bool,
}

pub async fn read_upload(
    request: Request,
    state: &AppState,
    max: usize,
) -> Result<Upload, AppError> {
    let mut multipart = Multipart::from_request(request, state)
        .await
        .map_err(|_| AppError::BadRequest)?;
    let mut upload = Upload::default();
    while let Some(mut field) = multipart
        .next_field()
        .await
        .map_err(|_| AppError::BadRequest)?
    {
        match field.name() {
            Some("file") => {
                upload.file_name = field.file_name().unwrap_or_default().to_lowercase();
                while let Some(chunk) = field.chunk().await.map_err(|_| AppError::BadRequest)? {
                    upload.bytes.extend_from_slice(&chunk);
                    if upload.bytes.len() > max {
                        upload.too_big = true;
                        break;
                    }
                }
            }
            Some("valid_only") => upload.valid_only = true,
            _ => {}
        }
    }
    Ok(upload)
}
