namespace Rapport.Tests;

/// <summary>A fresh directory per test, removed afterwards.</summary>
internal sealed class TemporaryDirectory : IDisposable
{
    public TemporaryDirectory() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "rapport-tests", Guid.NewGuid().ToString("N"));

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>
    /// Lets a rapport process started here reach addresses on this machine (a test's webhook receiver or feed), which
    /// it refuses by default: an <c>appsettings.json</c> with <c>Security:AllowPrivateNetworkUrls</c>.
    /// </summary>
    public void AllowPrivateNetworkUrls() =>
        System.IO.File.WriteAllText(File("appsettings.json"), """{"Security": {"AllowPrivateNetworkUrls": true}}""");

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A process that still holds a file open is not a test failure; the OS temp cleanup takes it.
        }
    }
}
