using System.Globalization;
using System.Xml;
using Rapport.Connectors.Segment;

namespace Rapport.Connectors.StackExchange;

/// <summary>
/// One table of a dump (<c>Posts.xml</c>, <c>Users.xml</c>, …) read row by row: a root element such as
/// <c>&lt;posts&gt;</c> holding <c>&lt;row Attr="…"/&gt;</c> elements. Files can be many gigabytes, so nothing is
/// loaded whole; a DTD is refused so that no entity can expand or reach outside the file.
/// </summary>
internal sealed class StackExchangeDumpFile : IDisposable
{
    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        CloseInput = true,
    };

    private readonly FileStream _stream;
    private readonly XmlReader _reader;
    private readonly IXmlLineInfo _lineInfo;
    private readonly string _rootName;
    private readonly long _length;
    private bool _sawRoot;
    private bool _disposed;

    public StackExchangeDumpFile(string path, string name, string rootName)
    {
        Name = name;
        _rootName = rootName;
        _stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.SequentialScan);
        _length = _stream.Length;
        _reader = XmlReader.Create(_stream, Settings);
        _lineInfo = (IXmlLineInfo)_reader;
    }

    /// <summary>The file as errors name it, e.g. <c>dump/Posts.xml</c>.</summary>
    public string Name { get; }

    /// <summary>Bytes taken from the file so far (read ahead by the parser's buffer).</summary>
    public long Position => _disposed ? _length : _stream.Position;

    /// <summary>The line the current row starts on.</summary>
    public int LineNumber { get; private set; }

    /// <summary>Moves to the next <c>row</c> element; <c>false</c> at the end of the table.</summary>
    public bool NextRow()
    {
        try
        {
            while (_reader.Read())
            {
                if (_reader.NodeType != XmlNodeType.Element)
                {
                    continue;
                }

                LineNumber = _lineInfo.LineNumber;
                if (_reader.Depth == 0)
                {
                    if (!string.Equals(_reader.LocalName, _rootName, StringComparison.Ordinal))
                    {
                        throw Error($"expected a <{_rootName}> table, found <{_reader.LocalName}>");
                    }

                    _sawRoot = true;
                    continue;
                }

                if (_reader.Depth == 1 && string.Equals(_reader.LocalName, "row", StringComparison.Ordinal))
                {
                    return true;
                }

                throw Error($"expected <row> elements inside <{_rootName}>, found <{_reader.LocalName}>");
            }
        }
        catch (XmlException e)
        {
            // Some errors (a refused DTD) carry no position; the reader still knows where it stopped.
            var line = e.LineNumber > 0 ? e.LineNumber : _lineInfo.LineNumber;
            throw new ImportLineException(Name, line > 0 ? line : null, Describe(e));
        }

        if (!_sawRoot)
        {
            throw new ImportLineException(Name, null, $"no <{_rootName}> table in the file");
        }

        return false;
    }

    public string? Text(string attribute) => _reader.GetAttribute(attribute);

    public int RequiredInt(string attribute) =>
        OptionalInt(attribute) ?? throw Error($"the row has no {attribute}");

    public int? OptionalInt(string attribute)
    {
        var text = _reader.GetAttribute(attribute);
        if (text is null)
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Error($"{attribute} \"{text}\" is not a whole number");
    }

    public DateTime RequiredDate(string attribute) =>
        OptionalDate(attribute) ?? throw Error($"the row has no {attribute}");

    /// <summary>A dump's dates carry no zone; they are UTC.</summary>
    public DateTime? OptionalDate(string attribute)
    {
        var text = _reader.GetAttribute(attribute);
        if (text is null)
        {
            return null;
        }

        return DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)
            ? value
            : throw Error($"{attribute} \"{text}\" is not a date");
    }

    public ImportLineException Error(string reason) => new(Name, LineNumber, reason);

    public void Dispose()
    {
        _disposed = true;
        _reader.Dispose();
    }

    private static string Describe(XmlException e)
    {
        // XmlReader's messages advise turning DTD processing on; for a dump the only right answer is no.
        if (e.Message.Contains("DTD", StringComparison.Ordinal))
        {
            return "the file declares a DTD (<!DOCTYPE …>); Stack Exchange dumps have none, and Rapport does not read DTDs or external entities";
        }

        var suffix = $" Line {e.LineNumber}, position {e.LinePosition}.";
        var message = e.Message.EndsWith(suffix, StringComparison.Ordinal) ? e.Message[..^suffix.Length] : e.Message;
        return "malformed XML: " + message;
    }
}
