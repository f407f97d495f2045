namespace Dashboard.Tests.Shared;

/// <summary>
/// The bad-input corpus: what a careless or hostile person types into a field. Every form's tests run the corpus that
/// fits its fields and assert the field's message and that nothing was saved or audited.
/// </summary>
public static class BadInput
{
    /// <summary>Text that is not a finite number, or is one only after silent rounding or clamping.</summary>
    public static readonly string[] NotFiniteNumbers =
    [
        "NaN", "nan", "Infinity", "-Infinity", "∞", "-∞", "1e309", "-1e309", "-1e400", "1e99999",
        "", " ", "\t", "abc", "1,5.2", "0x10", "1e", "--1", "½", "١٢", // Arabic-Indic digits
        "１２", // full-width digits
        new string('9', 10_000),
    ];

    /// <summary>Numbers that parse but sit at a boundary a range check must decide on.</summary>
    public static readonly string[] EdgeNumbers = ["-0", "0", "-1", "-5", "1e-320", "99999", "2147483648", "1.7976931348623157e308"];

    /// <summary>Names that cannot be routed or are reserved by the product (the audit trail's own name included).</summary>
    public static readonly string[] UnroutableNames =
    [
        ".", "..", "a/b", "../x", "a\\b", "%2e%2e", "system", "SYSTEM", " system ", "ѕystem", // Cyrillic s look-alike
        "a?b", "a#b", "\u0000", "\u202Eevil", new string('a', 10_000),
    ];

    /// <summary>CSV cells a spreadsheet would run as a formula or split oddly.</summary>
    public static readonly string[] FormulaCells = ["=1+1", "+1", "-1", "@SUM(A1)", "|calc", "\tx", "\rx", "=HYPERLINK(\"http://x\")"];

    /// <summary>Outbound destinations that must never receive a server-side request.</summary>
    public static readonly string[] PrivateDestinations =
    [
        "http://169.254.169.254/latest/meta-data/", "http://2852039166/", "http://0xA9FEA9FE/", "http://[::ffff:169.254.169.254]/",
        "http://127.0.0.1:5000/", "http://localhost/", "http://[::1]/", "http://0.0.0.0/", "http://10.0.0.1/", "http://172.16.5.4/",
        "http://192.168.1.1/", "http://[fd00::1]/", "http://[fe80::1]/", "http://100.64.0.1/", "http://017700000001/",
        "file:///etc/passwd", "gopher://example.com/",
        // More ways to write an inside address: shorthand, trailing dot, IPv6 forms carrying IPv4, look-alike characters.
        "http://127.1/", "http://0x7f.1/", "http://2130706433/", "http://169.254.169.254./latest/", "http://[::]/", "http://0/",
        "http://[fd00:ec2::254]/", "http://169.254.170.2/v2/credentials", "http://[::ffff:7f00:1]/", "http://[::127.0.0.1]/",
        "http://[64:ff9b::a9fe:a9fe]/", "http://[2002:a9fe:a9fe::1]/", "http://[fe80::1%25eth0]/", "http://224.0.0.1/",
        "http://255.255.255.255/", "http://foo.localhost/", "http://LOCALHOST./", "http://ⓛocalhost/", "http://１２７.０.０.１/",
        "https://user:pw@10.1.2.3:8443/hook",
    ];

    /// <summary>
    /// Query-string values as they arrive, already percent-encoded (send them as they are): broken and overlong escapes,
    /// NUL, a right-to-left override, escaped separators, and times at the calendar's ends.
    /// </summary>
    public static readonly string[] RawQueryValues =
    [
        "%", "%F", "%FF", "%00", "%C0%AF", "%E2%80%AE", "a%26b%3Dc", "%2B1", "1%2C5", "+", "%20", "%3Cscript%3E",
        "0001-01-01T00:00Z", "9999-12-31T23:59Z", "0001-01-01T00:00%2B14:00",
    ];
}
