/* Stand-in for Windows 10's system icuuc.dll, for Wine 8.0 only (which has none): Qt6Core.dll 6.11 imports
   these ucnv_* functions. Every converter fails to open (U_FILE_ACCESS_ERROR = 4), so Qt keeps its built-in
   UTF-8/16/32 and Latin-1 codecs. Copied into the Wine prefix's system32, never into the bundle (PyInstaller
   skips system32; real Windows 10 and 11 have the real DLL). */
#include <stddef.h>
#include <stdint.h>
#define API __declspec(dllexport)
#define SETERR(e, v) do { if ((e) && *(int *)(e) <= 0) *(int *)(e) = (v); } while (0)
API void *ucnv_open(const char *n, int *e) { SETERR(e, 4); return NULL; }
API void ucnv_close(void *c) { }
API int32_t ucnv_countAvailable(void) { return 0; }
API const char *ucnv_getAvailableName(int32_t n) { return NULL; }
API const char *ucnv_getStandardName(const char *n, const char *s, int *e) { SETERR(e, 16); return NULL; }
API const char *ucnv_getName(const void *c, int *e) { SETERR(e, 16); return NULL; }
API int8_t ucnv_getMaxCharSize(const void *c) { return 4; }
API void ucnv_reset(void *c) { }
API void ucnv_fromUnicode(void *c, char **t, const char *tl, const uint16_t **s, const uint16_t *sl, int32_t *o,
                          int8_t f, int *e) { SETERR(e, 16); }
API void ucnv_toUnicode(void *c, uint16_t **t, const uint16_t *tl, const char **s, const char *sl, int32_t *o,
                        int8_t f, int *e) { SETERR(e, 16); }
API int32_t ucnv_fromUCountPending(const void *c, int *e) { SETERR(e, 16); return 0; }
API int32_t ucnv_toUCountPending(const void *c, int *e) { SETERR(e, 16); return 0; }
API void ucnv_setFromUCallBack(void *c, void *a, const void *x, void **oa, const void **ox, int *e) {
    if (oa) *oa = NULL;
    if (ox) *ox = NULL;
    SETERR(e, 16);
}
API void ucnv_setToUCallBack(void *c, void *a, const void *x, void **oa, const void **ox, int *e) {
    if (oa) *oa = NULL;
    if (ox) *ox = NULL;
    SETERR(e, 16);
}
API void ucnv_getFromUCallBack(const void *c, void **a, const void **x) { if (a) *a = NULL; if (x) *x = NULL; }
API void ucnv_getToUCallBack(const void *c, void **a, const void **x) { if (a) *a = NULL; if (x) *x = NULL; }
API void UCNV_FROM_U_CALLBACK_SUBSTITUTE(const void *x, void *a, const uint16_t *u, int32_t l, int32_t cp, int r,
                                         int *e) { SETERR(e, 16); }
API void UCNV_TO_U_CALLBACK_SUBSTITUTE(const void *x, void *a, const char *u, int32_t l, int r, int *e) {
    SETERR(e, 16);
}
API void ucnv_cbFromUWriteUChars(void *a, const uint16_t **s, const uint16_t *sl, int32_t i, int *e) { SETERR(e, 16); }
API void ucnv_cbToUWriteUChars(void *a, const uint16_t *s, int32_t l, int32_t i, int *e) { SETERR(e, 16); }
