using Spectre.Console;

namespace Rapport.Cli;

/// <summary>An import's progress bar on standard error; nothing when standard error is not a terminal.</summary>
internal static class ImportProgress
{
    /// <param name="import">Runs the import, reporting work done so far to the action it is given.</param>
    public static async Task<T> RunAsync<T>(string description, long total, Func<Action<long>, Task<T>> import)
    {
        if (Console.IsErrorRedirected)
        {
            return await import(_ => { });
        }

        T result = default!;
        await CommandRunner.Error.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape(description), maxValue: Math.Max(1, total));
                result = await import(done => task.Value = Math.Min(done, task.MaxValue));
                task.Value = task.MaxValue;
            });
        return result;
    }
}
