using System.Text.Json;
using Rapport.Core;

namespace Rapport.Cli;

internal static class JsonOutput
{
    public static void Write<T>(T value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, RapportJson.Indented));
}
