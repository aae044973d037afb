/* under-asan.h — whether this test runs under AddressSanitizer (the
 * build-asan/ run of tools/test).  A test that caps its address space
 * (RLIMIT_AS) to prove that running out of memory is an error cannot run
 * there: ASan reserves terabytes of shadow address space when the program
 * starts, so any cap fails every allocation, ASan's own included. */
#pragma once

#if defined(__SANITIZE_ADDRESS__)
#define CL_TEST_UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CL_TEST_UNDER_ASAN 1
#endif
#endif
#ifndef CL_TEST_UNDER_ASAN
#define CL_TEST_UNDER_ASAN 0
#endif
