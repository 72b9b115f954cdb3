@echo off
rem kiro-gateway launcher (Windows): runs the Java runtime bundled next to it, so no JDK or
rem JAVA_HOME is needed. Extra JVM flags: KIRO_GATEWAY_JAVA_OPTS (e.g. -Xmx512m).
setlocal
set "KGW_HOME=%~dp0.."
"%KGW_HOME%\bin\java.exe" %KIRO_GATEWAY_JAVA_OPTS% -jar "%KGW_HOME%\app\kiro-gateway.jar" %*
exit /b %ERRORLEVEL%
