// cli/heliosdb_nano_main.cc — placeholder until the server CLI lands.
#include <cstdio>
int main() {
  std::fputs("heliosdb-nano: not built yet\n", stderr);
  return 1;
}
