using Rapport.Connectors.Segment;

namespace Rapport.Web.Imports;

/// <summary>
/// The lines an import skipped, as the command line prints them to standard error: all are counted, the first
/// <see cref="MaxListed"/> are listed, so that a file of garbage does not make an answer as large as itself.
/// </summary>
internal sealed class ImportRejections
{
    public const int MaxListed = 1000;

    private readonly List<ImportRejection> _listed = [];

    public long Count { get; private set; }

    public IReadOnlyList<ImportRejection> Listed => _listed;

    public void Add(long? line, string reason)
    {
        Count++;
        if (_listed.Count < MaxListed)
        {
            _listed.Add(new ImportRejection(line, reason));
        }
    }

    public void Add(ImportLineException rejected) => Add(rejected.Line, rejected.Reason);
}
