package javax.activation;

/** A file as DataSource: what PDFBox 2's PreflightParser(File) wraps its input in. */
public class FileDataSource implements DataSource {
  private final java.io.File file;
  public FileDataSource(java.io.File file) { this.file = file; }
  public FileDataSource(String name) { this(new java.io.File(name)); }
  public java.io.InputStream getInputStream() throws java.io.IOException { return new java.io.FileInputStream(file); }
  public java.io.OutputStream getOutputStream() throws java.io.IOException { return new java.io.FileOutputStream(file); }
  public String getContentType() { return "application/pdf"; }
  public String getName() { return file.getName(); }
  public java.io.File getFile() { return file; }
}
