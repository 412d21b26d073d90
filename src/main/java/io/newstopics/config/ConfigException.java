package io.newstopics.config;

/** A problem the user can fix (bad option, missing file, bad value); its message says what and how. */
public class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
