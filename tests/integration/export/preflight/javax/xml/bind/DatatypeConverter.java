package javax.xml.bind;

/** The two JAXB converters PDFBox 2's xmpbox calls (JAXB left the JDK in Java 11; Debian's PDFBox does not bring it). */
public final class DatatypeConverter {
  private DatatypeConverter() {}

  public static int parseInt(String s) { return Integer.parseInt(s.trim()); }

  public static java.util.Calendar parseDateTime(String s) {
    String v = s.trim();
    java.time.ZonedDateTime z;
    try {
      z = java.time.OffsetDateTime.parse(v).toZonedDateTime();
    } catch (java.time.format.DateTimeParseException e) {
      try {
        z = java.time.LocalDateTime.parse(v).atZone(java.time.ZoneOffset.UTC);
      } catch (java.time.format.DateTimeParseException e2) {
        z = java.time.LocalDate.parse(v).atStartOfDay(java.time.ZoneOffset.UTC);
      }
    }
    return java.util.GregorianCalendar.from(z);
  }
}
