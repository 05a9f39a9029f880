using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using Rapport.Connectors.Segment;

namespace Rapport.Web.Imports;

/// <summary>
/// The file an import over HTTP reads: the request body itself, sent with the file's content type (gzip allowed), or
/// the one file part of a <c>multipart/form-data</c> form. It is held in memory while it is imported — the readers are
/// synchronous and Kestrel refuses synchronous reads of a request — and refused with 413 past
/// <c>Import:MaxUploadBytes</c> before anything is stored.
/// </summary>
internal sealed class ImportUpload : IDisposable
{
    public const string FormContentType = "multipart/form-data";

    public static readonly string[] Csv = ["text/csv"];

    public static readonly string[] Feed = ["application/rss+xml", "application/atom+xml", "application/xml", "text/xml"];

    public static readonly string[] AccessLog = ["text/plain"];

    private const string TooLarge = "import a smaller file, or raise Import:MaxUploadBytes";

    /// <summary>What a form's boundaries and part headers may add to the file's bytes.</summary>
    private const int FormOverheadBytes = 64 << 10;

    private readonly RequestBody? _body;
    private readonly byte[]? _part;

    private ImportUpload(string name, RequestBody? body, byte[]? part) => (Name, _body, _part) = (name, body, part);

    /// <summary>The file's name in a form, else <c>body</c>: what errors name before the line (<c>body:7: …</c>).</summary>
    public string Name { get; }

    public static async Task<ImportUpload> ReadAsync(HttpRequest request, IReadOnlyList<string> contentTypes, int maxBytes, CancellationToken cancellationToken)
    {
        var mediaType = MediaTypeHeaderValue.TryParse(request.ContentType, out var parsed) ? parsed : null;
        var type = mediaType?.MediaType.Value ?? "";
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            // The file's own limit is checked as it is read (also once decompressed); the server's default must not cut it first.
            limit.MaxRequestBodySize = (long)maxBytes + FormOverheadBytes;
        }

        if (type.Equals(FormContentType, StringComparison.OrdinalIgnoreCase))
        {
            return await ReadFormAsync(request, HeaderUtilities.RemoveQuotes(mediaType!.Boundary).Value, maxBytes, cancellationToken);
        }

        if (!contentTypes.Contains(type, StringComparer.OrdinalIgnoreCase))
        {
            throw new UnsupportedMediaTypeException(
                $"send the file as {string.Join(", ", contentTypes)} or as the one file of a {FormContentType} form, not as '{(type.Length == 0 ? "no content type" : type)}'");
        }

        return new ImportUpload("body", await RequestBody.ReadAsync(request, maxBytes, TooLarge, cancellationToken), null);
    }

    /// <summary>The file's bytes, from the start.</summary>
    public Stream OpenStream() => _body?.AsStream() ?? new MemoryStream(_part!, writable: false);

    /// <summary>The file as UTF-8 text (a byte order mark decides otherwise).</summary>
    public TextReader OpenText() => new StreamReader(OpenStream(), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);

    public void Dispose() => _body?.Dispose();

    private static async Task<ImportUpload> ReadFormAsync(HttpRequest request, string? boundary, int maxBytes, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(boundary))
        {
            throw new FormatException($"a {FormContentType} body needs a boundary in its Content-Type");
        }

        var reader = new MultipartReader(boundary, request.Body);
        ImportUpload? file = null;
        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.IsFileDisposition())
                {
                    continue;
                }

                if (file is not null)
                {
                    throw new FormatException("the form holds more than one file; send one file per import");
                }

                var name = Path.GetFileName(HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value);
                file = new ImportUpload(string.IsNullOrWhiteSpace(name) ? "upload" : name, null, await ReadPartAsync(section.Body, maxBytes, cancellationToken));
            }
        }
        catch (IOException e)
        {
            throw new FormatException($"the {FormContentType} body cannot be read: {e.Message}", e);
        }

        return file ?? throw new FormatException("the form holds no file; send the file as a part with a filename");
    }

    private static async Task<byte[]> ReadPartAsync(Stream part, int maxBytes, CancellationToken cancellationToken)
    {
        using var copy = new MemoryStream();
        var buffer = new byte[81920];
        while (await part.ReadAsync(buffer, cancellationToken) is var read and > 0)
        {
            if (copy.Length + read > maxBytes)
            {
                throw new SegmentPayloadTooLargeException($"the file is over {maxBytes / 1024} KB; {TooLarge}");
            }

            copy.Write(buffer, 0, read);
        }

        return copy.ToArray();
    }
}
