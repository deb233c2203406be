// Bridges OpenSSL 3 libcrypto to Swift. Only libcrypto is linked: TapPass
// needs digests, MACs and signatures, never TLS.
#ifndef TAPPASS_COPENSSL_SHIM_H
#define TAPPASS_COPENSSL_SHIM_H
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>
#include <openssl/rand.h>
#include <openssl/err.h>
#include <openssl/crypto.h>
#include <openssl/pem.h>
#include <openssl/ec.h>
#include <openssl/ecdsa.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/params.h>
#include <openssl/param_build.h>
#include <openssl/x509.h>
#include <openssl/bio.h>
#include <openssl/obj_mac.h>

/// `OSSL_PARAM_construct_*` return structs by value, which Swift imports fine;
/// the `OSSL_PARAM_END` macro is a compound literal that it cannot import.
static inline OSSL_PARAM tp_ossl_param_end(void) {
  OSSL_PARAM end = OSSL_PARAM_END;
  return end;
}

/// `BIO_get_mem_data` is a macro over `BIO_ctrl`; Swift cannot import macros.
static inline long tp_bio_get_mem_data(BIO *bio, char **data) {
  return BIO_get_mem_data(bio, data);
}

/// `EVP_PKEY_PUBLIC_KEY` is an OR of other macros, which Swift does not import.
static inline int tp_evp_pkey_public_key(void) { return EVP_PKEY_PUBLIC_KEY; }

/// `EVP_PKEY_KEYPAIR` is an OR of other macros, which Swift does not import.
static inline int tp_evp_pkey_keypair(void) { return EVP_PKEY_KEYPAIR; }
#endif
