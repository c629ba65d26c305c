package javax.activation;

/** The part of the JavaBeans Activation API that PDFBox 2's preflight uses (Debian ships PDFBox without it). */
public interface DataSource {
  java.io.InputStream getInputStream() throws java.io.IOException;
  java.io.OutputStream getOutputStream() throws java.io.IOException;
  String getContentType();
  String getName();
}
