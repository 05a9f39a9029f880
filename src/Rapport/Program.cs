using Rapport.Cli;

var parse = RapportCommandLine.Create(TimeProvider.System).Parse(args);
BulkGcBudget.ApplyTo(parse);
return await parse.InvokeAsync();
