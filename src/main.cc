#include <cstring>
#include <vector>

#include "cli/cli.h"

int main(int argc, char** argv) {
  // Started as `bootstrap` (the Lambda custom runtime's entry point), the binary runs the
  // Runtime API loop: `bootstrap [args]` is `xrouting lambda [args]`.
  const char* name = argc > 0 && argv[0] != nullptr ? argv[0] : "";
  const char* slash = std::strrchr(name, '/');
  if (std::strcmp(slash != nullptr ? slash + 1 : name, "bootstrap") == 0) {
    std::vector<char*> args(argv, argv + argc);
    char lambda_command[] = "lambda";
    args.insert(args.begin() + 1, lambda_command);
    args.push_back(nullptr);
    return cli::Main(argc + 1, args.data());
  }
  return cli::Main(argc, argv);
}
