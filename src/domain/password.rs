//! Passwords: the policy (OWASP ASVS level 2, V2.1) and argon2id hashing.

use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::{Algorithm, Argon2, Params, Version};
use rand::Rng;

pub const MIN_LEN: usize = 8;
/// ASVS asks that at least 64 characters be allowed; we allow 128.
pub const MAX_LEN: usize = 128;

/// argon2id with 19 MiB, 2 passes, 1 lane: the OWASP minimum for argon2id.
pub const MEMORY_KIB: u32 = 19 * 1024;
pub const PASSES: u32 = 2;
pub const LANES: u32 = 1;

fn hasher() -> Argon2<'static> {
    let params = Params::new(MEMORY_KIB, PASSES, LANES, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Why a new password is refused: a message key of the text catalog.
pub fn check_policy(password: &str, username: &str) -> Result<(), &'static str> {
    let len = password.chars().count();
    if len < MIN_LEN {
        return Err("err.password_short");
    }
    if len > MAX_LEN {
        return Err("err.password_long");
    }
    // zxcvbn knows the common-password lists and the patterns people reuse (years, keyboard
    // walks, the user's own name); a score of 0 or 1 means "guessable within hours".
    let weak = zxcvbn::zxcvbn(password, &[username, "kehoachso", "quangngai"]).score()
        < zxcvbn::Score::Two;
    if weak {
        return Err("err.password_common");
    }
    Ok(())
}

pub fn hash(password: &str) -> Result<String, argon2::password_hash::Error> {
    let salt = SaltString::generate(&mut OsRng);
    Ok(hasher()
        .hash_password(password.as_bytes(), &salt)?
        .to_string())
}

/// Verifies against a stored hash; the parameters come from the hash itself.
pub fn verify(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored)
        .map(|parsed| {
            hasher()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

/// A hash of a random password, verified against when the username is unknown so that the
/// answer takes as long as for a known user.
pub fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| hash(&generate()).unwrap_or_default())
}

/// A one-time password: 16 characters from an alphabet without look-alikes (no 0/O, 1/l/I).
pub fn generate() -> String {
    const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut rng = rand::rngs::OsRng;
    (0..16)
        .map(|_| char::from(ALPHABET[rng.gen_range(0..ALPHABET.len())]))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_long_and_common_passwords_are_refused() {
        assert_eq!(check_policy("abc123", "u"), Err("err.password_short"));
        assert_eq!(
            check_policy(&"a".repeat(MAX_LEN + 1), "u"),
            Err("err.password_long")
        );
        assert_eq!(check_policy("password123", "u"), Err("err.password_common"));
        assert_eq!(check_policy("12345678", "u"), Err("err.password_common"));
        assert_eq!(
            check_policy("editor.syt2024", "editor.syt"),
            Err("err.password_common")
        );
    }

    #[test]
    fn a_long_unusual_passphrase_is_accepted_up_to_128_characters() {
        assert_eq!(check_policy("mưa rào tháng bảy trên sông Trà", "u"), Ok(()));
        let long: String = "Sông Trà Khúc chảy qua Quảng Ngãi "
            .repeat(4)
            .chars()
            .take(MAX_LEN)
            .collect();
        assert_eq!(check_policy(&long, "u"), Ok(()));
    }

    #[test]
    fn a_hash_verifies_its_password_only() {
        let stored = hash("Hoa-sen-nở-muộn-42").expect("hash");
        assert!(stored.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(verify("Hoa-sen-nở-muộn-42", &stored));
        assert!(!verify("hoa-sen-nở-muộn-42", &stored));
        assert!(!verify("anything", "not a hash"));
    }

    #[test]
    fn generated_passwords_pass_the_policy_and_differ() {
        let a = generate();
        assert_eq!(a.len(), 16);
        assert_ne!(a, generate());
        assert_eq!(check_policy(&a, "u"), Ok(()));
    }
}
