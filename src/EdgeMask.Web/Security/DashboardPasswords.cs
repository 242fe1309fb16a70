namespace EdgeMask.Web;

/// <summary>Makes the password hash the dashboard checks (ASP.NET Core Identity's PBKDF2 format).</summary>
public static class DashboardPasswords
{
    public static string Hash(string password) => Security.DashboardCredentials.Hash(password);
}
