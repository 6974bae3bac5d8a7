/**
 * The code interpreter: Python sessions run by a small driver ({@code a4j_driver.py}) inside bubblewrap
 * ({@link dev.assistants4j.sandbox.BubblewrapSandbox}), or, for development only, without any isolation
 * ({@link dev.assistants4j.sandbox.UnsandboxedCodeInterpreter}).
 */
package dev.assistants4j.sandbox;
