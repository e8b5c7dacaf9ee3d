/* bcryptprimitives.dll!ProcessPrng (Windows 10+, Wine >= 9) for Wine 8.0, whose DLL lacks it: the Rust
   standard library inside cryptography imports it. Over RtlGenRandom (SystemFunction036). Copied into the
   Wine prefix's system32 only, never into the bundle. */
#include <windows.h>
BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);
__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T size) {
    while (size) {
        ULONG chunk = size > 0x10000000 ? 0x10000000 : (ULONG)size;
        if (!SystemFunction036(data, chunk)) return FALSE;
        data += chunk;
        size -= chunk;
    }
    return TRUE;
}
