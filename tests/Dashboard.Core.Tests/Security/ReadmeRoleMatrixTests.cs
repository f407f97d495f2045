using Dashboard.Core.Security;

namespace Dashboard.Core.Tests.Security;

/// <summary>The README's role matrix is written by hand; this keeps it from drifting away from <see cref="AccessPolicy"/>.</summary>
public sealed class ReadmeRoleMatrixTests
{
    private const string Header = "| Permission | Viewer | Engineer | Operator | Admin |";

    [Fact]
    public void ReadmeRoleMatrix_EveryPermission_MatchesAccessPolicy()
    {
        var table = ReadTable();

        Assert.Equal(Enum.GetValues<Permission>().Order(), table.Keys.Order());
        var roles = new[] { Role.Viewer, Role.Engineer, Role.Operator, Role.Admin };
        foreach (var (permission, marks) in table)
        {
            for (var i = 0; i < roles.Length; i++)
            {
                Assert.True(AccessPolicy.Allows([roles[i]], permission) == marks[i],
                    $"README says {roles[i]} {(marks[i] ? "may" : "may not")} {permission}; AccessPolicy disagrees.");
            }
        }
    }

    private static Dictionary<Permission, bool[]> ReadTable()
    {
        var lines = File.ReadAllLines(FindReadme());
        var start = Array.FindIndex(lines, l => l.Trim() == Header);
        Assert.True(start >= 0, $"README.md has no role matrix starting with '{Header}'.");
        var table = new Dictionary<Permission, bool[]>();
        foreach (var line in lines.Skip(start + 2).TakeWhile(l => l.TrimStart().StartsWith('|')))
        {
            var cells = line.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToArray();
            Assert.Equal(5, cells.Length);
            var name = cells[0].Split('`', StringSplitOptions.RemoveEmptyEntries)[0];
            Assert.True(Enum.TryParse<Permission>(name, out var permission), $"README role matrix: '{name}' is not a Permission.");
            table.Add(permission, cells[1..].Select(c => c switch
            {
                "✓" => true,
                "" or "—" => false,
                _ => throw new InvalidOperationException($"README role matrix: '{c}' in the {name} row is neither ✓ nor —."),
            }).ToArray());
        }
        return table;
    }

    private static string FindReadme()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Dashboard.sln")))
            {
                return Path.Combine(dir.FullName, "README.md");
            }
        }
        throw new FileNotFoundException("Dashboard.sln not found above " + AppContext.BaseDirectory);
    }
}
