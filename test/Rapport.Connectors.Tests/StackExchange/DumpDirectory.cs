namespace Rapport.Connectors.Tests.StackExchange;

/// <summary>The real dump shipped with the tests, and small hand-written dumps in a temporary directory.</summary>
internal sealed class DumpDirectory : IDisposable
{
    public const string Site = "conlang.meta.stackexchange.com";

    public static string Real { get; } = System.IO.Path.Combine(AppContext.BaseDirectory, "TestData", Site);

    public DumpDirectory(string name = "dump") =>
        Path = Directory.CreateDirectory(System.IO.Path.Combine(System.IO.Path.GetTempPath(), "rapport-tests", Guid.NewGuid().ToString("N"), name)).FullName;

    public string Path { get; }

    /// <summary>A copy of the real dump whose <paramref name="file"/> is replaced by <paramref name="content"/>.</summary>
    public static DumpDirectory CopyOfReal(string file, string content)
    {
        var copy = new DumpDirectory(Site);
        foreach (var source in Directory.GetFiles(Real, "*.xml"))
        {
            File.Copy(source, System.IO.Path.Combine(copy.Path, System.IO.Path.GetFileName(source)));
        }

        copy.Write(file, content);
        return copy;
    }

    public DumpDirectory Write(string file, string content)
    {
        File.WriteAllText(System.IO.Path.Combine(Path, file), content);
        return this;
    }

    public void Dispose() => Directory.Delete(System.IO.Path.GetDirectoryName(Path)!, recursive: true);
}
