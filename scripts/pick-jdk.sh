# Sourced by ./gateway and .ci/run: exports JAVA_HOME and PATH for a JDK >= 21.
# The machine's default java may be older (Debian 12 ships 17), so never trust it blindly.
pick_jdk() {
  local c v
  for c in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-2[5-9]-jdk* /usr/lib/jvm/java-2[5-9]-openjdk* \
           /usr/lib/jvm/temurin-2[1-4]-jdk* /usr/lib/jvm/java-2[1-4]-openjdk* \
           /Library/Java/JavaVirtualMachines/*/Contents/Home \
           "$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)")")")"; do
    [ -n "$c" ] && [ -x "$c/bin/java" ] || continue
    v=$("$c/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/{print $2}')
    if [ "${v%%.*}" -ge 21 ] 2>/dev/null; then
      export JAVA_HOME="$c" PATH="$c/bin:$PATH"
      return 0
    fi
  done
  echo "kiro-gateway needs a JDK 21 or newer: install one (Temurin 25 recommended) or set JAVA_HOME." >&2
  return 1
}
