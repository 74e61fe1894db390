/// The version of onlineddl, as `onlineddl --version` prints it.
public enum OnlineDDLVersion {
    public static let current = "0.1.0"
}
