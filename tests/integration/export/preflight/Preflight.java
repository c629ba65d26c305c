import java.io.File;
import org.apache.pdfbox.preflight.PreflightDocument;
import org.apache.pdfbox.preflight.ValidationResult;
import org.apache.pdfbox.preflight.ValidationResult.ValidationError;
import org.apache.pdfbox.preflight.exception.SyntaxValidationException;
import org.apache.pdfbox.preflight.parser.PreflightParser;

/**
 * PDFBox 2 preflight (PDF/A-1b, ISO 19005-1) of one file: prints "VALID", or one line per error
 * ("code details") and exits 1. Debian's PDFBox command-line validator needs javax.activation and
 * JAXB, which Debian does not package with it: the two shims beside this file stand in for the
 * three methods it calls.
 */
public class Preflight {
  public static void main(String[] args) throws Exception {
    PreflightParser parser = new PreflightParser(new File(args[0]));
    ValidationResult result;
    try {
      parser.parse();
      try (PreflightDocument doc = parser.getPreflightDocument()) {
        doc.validate();
        result = doc.getResult();
      }
    } catch (SyntaxValidationException e) {
      result = e.getResult();
    }
    if (result.isValid()) {
      System.out.println("VALID");
      return;
    }
    for (ValidationError e : result.getErrorsList()) System.out.println(e.getErrorCode() + " " + e.getDetails());
    System.exit(1);
  }
}
