package io.github.vertxasterisk.bench.codec;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.NoSuchElementException;
import java.util.regex.Pattern;
import org.asteriskjava.util.SocketConnectionFacade;
import org.asteriskjava.util.internal.streamreader.FastScanner;
import org.asteriskjava.util.internal.streamreader.FastScannerFactory;

/**
 * asterisk-java's socket facade replaying recorded bytes: the same line splitting its real
 * {@code SocketConnectionFacadeImpl} does for AMI (UTF-8 reader, {@code FastScannerFactory} with the
 * CRLF pattern), without a TCP connection, so the benchmark measures parsing and event building only.
 */
final class ReplayedSocket implements SocketConnectionFacade {
  private static final Pattern CRNL = Pattern.compile("\r\n");
  private final FastScanner scanner;

  ReplayedSocket(byte[] stream) {
    this.scanner = FastScannerFactory.getReader(
      new InputStreamReader(new ByteArrayInputStream(stream), StandardCharsets.UTF_8), CRNL);
  }

  @Override
  public String readLine() throws IOException {
    try {
      return scanner.next();
    } catch (NoSuchElementException endOfStream) {
      return null;
    }
  }

  @Override
  public void write(String s) {
  }

  @Override
  public void flush() {
  }

  @Override
  public void close() {
  }

  @Override
  public boolean isConnected() {
    return true;
  }

  @Override
  public InetAddress getLocalAddress() {
    return InetAddress.getLoopbackAddress();
  }

  @Override
  public int getLocalPort() {
    return 5038;
  }

  @Override
  public InetAddress getRemoteAddress() {
    return InetAddress.getLoopbackAddress();
  }

  @Override
  public int getRemotePort() {
    return 5038;
  }
}
