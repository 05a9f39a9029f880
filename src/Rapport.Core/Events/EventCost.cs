namespace Rapport.Core.Events;

/// <summary>An amount spent on an event, in its own currency (an ISO 4217 code such as <c>EUR</c>); never converted.</summary>
public sealed record EventCost(CostCategory Category, decimal Amount, string Currency)
{
    /// <summary>Reads <c>CATEGORY:AMOUNT:CURRENCY</c> (<c>sponsorship:5000:EUR</c>), as the command line takes it.</summary>
    public static EventCost Parse(string text)
    {
        var parts = text.Split(':', StringSplitOptions.TrimEntries);
        if (parts.Length != 3)
        {
            throw new FormatException($"'{text}' is not CATEGORY:AMOUNT:CURRENCY, e.g. sponsorship:5000:EUR");
        }

        var category = EventNames.ParseCostCategory(parts[0]);
        if (!decimal.TryParse(parts[1], System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out var amount))
        {
            throw new FormatException($"'{parts[1]}' is not an amount (write 5000 or 1234.50)");
        }

        return new EventCost(category, amount, parts[2]).Validated();
    }

    /// <summary>The cost with its currency upper-cased; <see cref="FormatException"/> for a negative amount or a code that is not three letters.</summary>
    public EventCost Validated()
    {
        if (Amount < 0 || Amount > 1_000_000_000m)
        {
            throw new FormatException($"a cost is between 0 and 1,000,000,000, not {Amount}");
        }

        var currency = Currency?.Trim().ToUpperInvariant() ?? "";
        if (currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper))
        {
            throw new FormatException($"'{Currency}' is not a currency code; write three letters as ISO 4217 does (EUR, USD, GBP)");
        }

        return this with { Currency = currency };
    }

    public override string ToString() =>
        $"{EventNames.Name(Category)}:{Amount.ToString(System.Globalization.CultureInfo.InvariantCulture)}:{Currency}";
}
