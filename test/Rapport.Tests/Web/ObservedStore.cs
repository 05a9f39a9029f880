using System.Reflection;
using System.Runtime.ExceptionServices;
using Rapport.Core.Ingest;
using Rapport.Core.Workspaces;
using Rapport.Storage;

namespace Rapport.Tests.Web;

/// <summary>
/// A real store whose ingest commits can be held back (<see cref="CommitGate"/>) or made to fail as a full disk would
/// (<see cref="FailCommits"/>), and which counts them. Every other call goes straight to the real store, whatever
/// the storage contract grows to (a <see cref="DispatchProxy"/>, so the contract is not restated here).
/// </summary>
public class ObservedStore : DispatchProxy
{
    private IRapportStore _inner = null!;
    private int _commits;

    public bool FailCommits { get; set; }

    /// <summary>While set, every commit waits for this task first.</summary>
    public Task? CommitGate { get; set; }

    /// <summary>Ingest sessions that reached their commit, failed or not.</summary>
    public int Commits => Volatile.Read(ref _commits);

    /// <summary>This observer as the store it stands in for.</summary>
    public IRapportStore Store => (IRapportStore)(object)this;

    public static ObservedStore Wrap(IRapportStore inner)
    {
        var observer = (ObservedStore)(object)Create<IRapportStore, ObservedStore>();
        observer._inner = inner;
        return observer;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (targetMethod.Name == nameof(IRapportStore.BeginIngestAsync))
        {
            return BeginIngestAsync((Workspace)args![0]!, (CancellationToken)args[1]!);
        }

        try
        {
            return targetMethod.Invoke(_inner, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }
    }

    private async Task<IIngestSession> BeginIngestAsync(Workspace workspace, CancellationToken cancellationToken) =>
        new ObservedSession(await _inner.BeginIngestAsync(workspace, cancellationToken), this);

    private sealed class ObservedSession(IIngestSession inner, ObservedStore store) : IIngestSession
    {
        public IngestSummary Summary => inner.Summary;

        public ValueTask AddAsync(IReadOnlyList<IngestMessage> messages, CancellationToken cancellationToken) =>
            inner.AddAsync(messages, cancellationToken);

        public async Task<IngestSummary> CommitAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref store._commits);
            if (store.CommitGate is { } gate)
            {
                await gate;
            }

            return store.FailCommits ? throw new IOException("No space left on device") : await inner.CommitAsync(cancellationToken);
        }

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
