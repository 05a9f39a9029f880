using Rapport.Cli;

return await RapportCommandLine.Create(TimeProvider.System).Parse(args).InvokeAsync();
