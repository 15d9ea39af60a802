# Herald: `make site` builds content/ into site/, `make test` runs the tests.
# Both install the Debian packages they need when they are missing.

APT_PACKAGES := pkg-config libcmark-gfm-dev libcmark-gfm-extensions-dev libxml2-dev libxml2-utils cmark-gfm libjemalloc-dev
SWIFT ?= swift

.PHONY: deps site test build release clean

deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

build: deps
	$(SWIFT) build --product herald

site: build
	.build/debug/herald build

release: deps
	$(SWIFT) build -c release --static-swift-stdlib --product herald

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

clean:
	rm -rf .build site .herald
