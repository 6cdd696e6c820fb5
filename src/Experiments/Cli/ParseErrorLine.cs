using System.CommandLine;
using System.CommandLine.Parsing;

namespace MusicCluster.Experiments.Cli;

/// <summary>Words a command-line parse failure as one <c>error:</c> line and one hint (a typo suggestion and where the help is).</summary>
public static partial class ParseErrorLine
{
    [System.Text.RegularExpressions.GeneratedRegex(@"^Option '([^']+)' is required\.?$")]
    private static partial System.Text.RegularExpressions.Regex RequiredOptionRegex();

    private static readonly System.Text.RegularExpressions.Regex RequiredOption = RequiredOptionRegex();

    /// <summary>The two lines to print for a parse result that has errors.</summary>
    public static string[] Format(ParseResult parse)
    {
        var command = parse.CommandResult.Command;
        string path = CommandPath(parse.CommandResult);
        string help = $"see '{path} --help'";
        string where = path == "musiccluster" ? "" : path["musiccluster ".Length..] + ": ";
        if (parse.UnmatchedTokens.Count > 0)
        {
            string token = parse.UnmatchedTokens[0];
            bool isOption = token.StartsWith('-');
            var candidates = isOption
                ? command.Options.Where(o => !o.Hidden).SelectMany(o => o.Aliases.Prepend(o.Name))
                : command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name);
            string what = isOption ? "unknown option" : command.Subcommands.Count > 0 ? "unknown command" : "unexpected argument";
            var close = Suggestions(token, candidates);
            string hint = close.Count > 0 ? $"did you mean {string.Join(" or ", close)}? ({help})" : help;
            return [$"error: {where}{what} '{token}'", $"  {hint}"];
        }
        var missing = parse.Errors.Select(e => RequiredOption.Match(e.Message)).Where(m => m.Success).Select(m => m.Groups[1].Value).ToList();
        if (missing.Count > 0) return [$"error: {where}missing required option{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing)}", $"  {help}"];
        var error = parse.Errors[0];
        if (error.Message.StartsWith("Required argument missing", StringComparison.Ordinal))
            return [$"error: {where}missing the {string.Join(" ", command.Arguments.Select(a => $"<{a.Name}>"))} argument", $"  {help}"];
        if (error.Message.StartsWith("Required command was not provided", StringComparison.Ordinal))
            return [$"error: {where}a command is required: {string.Join(", ", command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name))}", $"  {help}"];
        return [$"error: {where}{Describe(error)}", $"  {help}"];
    }

    private static string Describe(ParseError error)
    {
        // A conversion failure names a CLR type ("System.Nullable`1[System.Int32]"); say what the option wants instead.
        if (error.SymbolResult is ArgumentResult { Parent: OptionResult option } argument && error.Message.StartsWith("Cannot parse argument", StringComparison.Ordinal))
        {
            string value = argument.Tokens.Count > 0 ? argument.Tokens[0].Value : "";
            return $"{option.Option.Name}: '{value}' is not {Expected(option.Option.ValueType)}";
        }
        if (error.SymbolResult is OptionResult opt && error.Message.StartsWith("Cannot parse argument", StringComparison.Ordinal))
        {
            string value = opt.Tokens.Count > 0 ? opt.Tokens[0].Value : "";
            return $"{opt.Option.Name}: '{value}' is not {Expected(opt.Option.ValueType)}";
        }
        return error.Message.ReplaceLineEndings(" ").TrimEnd('.');
    }

    /// <summary>How a value of <paramref name="type"/> is described to a user ("a whole number", "a number", …).</summary>
    public static string Expected(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsArray) return Expected(type.GetElementType()!);
        if (type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(uint) || type == typeof(ulong)) return "a whole number";
        if (type == typeof(double) || type == typeof(float) || type == typeof(decimal)) return "a number";
        if (type == typeof(bool)) return "true or false";
        if (type.IsEnum) return "one of " + string.Join(", ", Enum.GetNames(type).Select(n => n.ToLowerInvariant()));
        return "a valid " + type.Name.ToLowerInvariant();
    }

    private static string CommandPath(CommandResult result)
    {
        var names = new List<string>();
        for (SymbolResult? r = result; r is CommandResult c; r = c.Parent)
            names.Add(c.Parent is null ? "musiccluster" : c.Command.Name);
        names.Reverse();
        return string.Join(' ', names);
    }

    /// <summary>Up to three of <paramref name="candidates"/> close to <paramref name="token"/> (edit distance, or a prefix), best first.</summary>
    public static List<string> Suggestions(string token, IEnumerable<string> candidates)
    {
        int limit = Math.Max(1, token.TrimStart('-').Length / 3);
        return candidates.Distinct(StringComparer.Ordinal)
            .Select(c => (Name: c, Distance: c.StartsWith(token, StringComparison.Ordinal) && token.TrimStart('-').Length >= 2 ? 0 : EditDistance(token, c)))
            .Where(p => p.Distance <= limit)
            .OrderBy(p => p.Distance).ThenBy(p => p.Name, StringComparer.Ordinal)
            .Take(3).Select(p => p.Name).ToList();
    }

    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) previous[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1], previous[j]) + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
