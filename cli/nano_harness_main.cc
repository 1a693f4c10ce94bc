// cli/nano_harness_main.cc — placeholder until the harness CLI lands.
#include <cstdio>
int main() {
  std::fputs("nano-harness: not built yet\n", stderr);
  return 1;
}
