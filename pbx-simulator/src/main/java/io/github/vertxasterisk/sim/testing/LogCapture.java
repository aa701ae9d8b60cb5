package io.github.vertxasterisk.sim.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** The records one logger writes while this is open, at or above a level; closing detaches it. */
public final class LogCapture extends Handler implements AutoCloseable {
  public final List<LogRecord> records = new CopyOnWriteArrayList<>();
  private final Logger logger;
  private final Level atLeast;

  private LogCapture(Logger logger, Level atLeast) {
    this.logger = logger;
    this.atLeast = atLeast;
    logger.addHandler(this);
  }

  /** Every record of that logger (the class's name). */
  public static LogCapture of(String loggerName) {
    return new LogCapture(Logger.getLogger(loggerName), Level.ALL);
  }

  /** The records of that logger at {@code atLeast} or above. */
  public static LogCapture of(String loggerName, Level atLeast) {
    return new LogCapture(Logger.getLogger(loggerName), atLeast);
  }

  @Override
  public void publish(LogRecord record) {
    if (record.getLevel().intValue() >= atLeast.intValue()) {
      records.add(record);
    }
  }

  @Override
  public void flush() {
  }

  @Override
  public void close() {
    logger.removeHandler(this);
  }
}
