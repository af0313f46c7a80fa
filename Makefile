# Quick start: `make run` (install, build, run the pipeline on the embedded store)
# and `make test` (install, build with sanitizers, run every test).
.PHONY: run test build bench clean format

run:
	bash scripts/setup.sh
	bash scripts/build.sh release
	bash scripts/run.sh

test:
	bash scripts/test.sh

build:
	bash scripts/build.sh release

bench:
	bash scripts/setup.sh
	XR_BENCH=ON bash scripts/build.sh release
	bash scripts/bench.sh

format:
	clang-format -i $$(git ls-files '*.h' '*.cc')

clean:
	rm -rf build
