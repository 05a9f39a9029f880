using System.Threading.Channels;
using Rapport.Core.Ingest;
using Rapport.Core.Workspaces;

namespace Rapport.Storage;

/// <summary>
/// Group commit for many small writers (HTTP requests): each enqueues its messages and waits; one background writer
/// takes everything queued (up to <see cref="MaxGroupMessages"/>), stores it in one ingest session per workspace and
/// commits once, then answers every writer in the group. A commit costs the same for one message or thousands, so
/// concurrent requests share it instead of queueing for the store's single write lock one by one.
/// </summary>
/// <remarks>
/// It lives beside the storage contract, not in the web host, because it only needs <see cref="IRapportStore"/>
/// and serves any source that arrives as many small pieces (Segment requests now, webhooks next).
/// </remarks>
public sealed class IngestQueue : IAsyncDisposable
{
    public const int DefaultMaxGroupMessages = 10_000;

    private readonly IRapportStore _store;
    private readonly Channel<PendingIngest> _queue =
        Channel.CreateUnbounded<PendingIngest>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;
    private readonly Action<Exception, int>? _onCommitFailed;
    private int _queuedMessages;
    private long _committedMessages;
    private long _commits;
    private long _failedCommits;

    /// <param name="onCommitFailed">Told of a failed commit and how many messages it lost, to log it.</param>
    public IngestQueue(IRapportStore store, int maxGroupMessages = DefaultMaxGroupMessages, Action<Exception, int>? onCommitFailed = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxGroupMessages, 1);
        _store = store;
        _onCommitFailed = onCommitFailed;
        MaxGroupMessages = maxGroupMessages;
        _writer = Task.Run(WriteGroupsAsync);
    }

    /// <summary>How many messages one commit takes at most; a single larger request is still committed whole.</summary>
    public int MaxGroupMessages { get; }

    /// <summary>Messages waiting for the writer to take them (not those it is committing).</summary>
    public int QueuedMessages => Volatile.Read(ref _queuedMessages);

    /// <summary>Messages committed since start, duplicates included (each was acknowledged).</summary>
    public long CommittedMessages => Interlocked.Read(ref _committedMessages);

    /// <summary>Group commits since start.</summary>
    public long Commits => Interlocked.Read(ref _commits);

    /// <summary>Group commits that failed (their requests were answered 503) since start.</summary>
    public long FailedCommits => Interlocked.Read(ref _failedCommits);

    /// <summary>
    /// Stores <paramref name="messages"/> in <paramref name="workspace"/>; completes once they are committed (or were
    /// already stored: a repeated message id is stored once). Throws <see cref="IngestUnavailableException"/> when the
    /// commit failed, in which case none of them is stored.
    /// </summary>
    /// <remarks>Cancelling stops the waiting, not the write: messages already queued are still committed.</remarks>
    public Task EnqueueAsync(Workspace workspace, IReadOnlyList<IngestMessage> messages, CancellationToken cancellationToken)
    {
        var pending = new PendingIngest(workspace, messages);
        Interlocked.Add(ref _queuedMessages, messages.Count);
        if (!_queue.Writer.TryWrite(pending))
        {
            Interlocked.Add(ref _queuedMessages, -messages.Count);
            throw new IngestUnavailableException("Rapport is shutting down and no longer accepts messages; send them again later.");
        }

        return pending.Completion.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Stops accepting messages and waits until everything already queued is committed.</summary>
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync() => await DrainAsync(CancellationToken.None).ConfigureAwait(false);

    private async Task WriteGroupsAsync()
    {
        var group = new List<PendingIngest>();
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            group.Clear();
            var messages = 0;
            while (messages < MaxGroupMessages && _queue.Reader.TryRead(out var next))
            {
                group.Add(next);
                messages += next.Messages.Count;
                Interlocked.Add(ref _queuedMessages, -next.Messages.Count);
            }

            foreach (var workspace in group.GroupBy(pending => pending.Workspace.Id))
            {
                await CommitAsync([.. workspace]).ConfigureAwait(false);
            }
        }
    }

    private async Task CommitAsync(IReadOnlyList<PendingIngest> group)
    {
        try
        {
            // Not cancellable: once requests wait for this commit, it runs to its end (disposing rolls back a failure).
            await using var session = await _store.BeginIngestAsync(group[0].Workspace, CancellationToken.None).ConfigureAwait(false);
            foreach (var pending in group)
            {
                await session.AddAsync(pending.Messages, CancellationToken.None).ConfigureAwait(false);
            }

            await session.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // Whatever failed, the waiting requests must hear of it, and the writer must live on for the next group.
            Interlocked.Increment(ref _failedCommits);
            _onCommitFailed?.Invoke(e, group.Sum(pending => pending.Messages.Count));
            var failure = new IngestUnavailableException("The store could not commit the messages; none of them was stored. Send them again.", e);
            foreach (var pending in group)
            {
                pending.Completion.TrySetException(failure);
            }

            return;
        }

        Interlocked.Increment(ref _commits);
        Interlocked.Add(ref _committedMessages, group.Sum(pending => pending.Messages.Count));
        foreach (var pending in group)
        {
            pending.Completion.TrySetResult();
        }
    }

    private sealed class PendingIngest(Workspace workspace, IReadOnlyList<IngestMessage> messages)
    {
        public Workspace Workspace { get; } = workspace;

        public IReadOnlyList<IngestMessage> Messages { get; } = messages;

        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
