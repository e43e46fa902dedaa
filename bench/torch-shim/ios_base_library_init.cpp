// Stand-in for the one libstdc++ 13 (GLIBCXX_3.4.32) symbol that TorchSharp's libLibTorchSharp.so asks for.
//
// GCC 13's <iostream> no longer puts a static std::ios_base::Init in every translation unit: it references
// std::ios_base_library_init() instead, so that the program links against a libstdc++ that initialises the
// standard streams itself. Debian 12 ships GCC 12's libstdc++ (up to GLIBCXX_3.4.30), which lacks the symbol.
// This library defines it, and, being compiled with GCC 12, its own <iostream> include still carries the
// static Init object, so std::cout and friends are initialised before TorchSharp's code can use them.
#include <iostream>

namespace std
{
    void ios_base_library_init() {}
}
