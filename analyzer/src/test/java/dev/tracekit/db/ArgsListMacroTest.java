package dev.tracekit.db;

import org.junit.jupiter.api.Test;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ArgsListMacroTest {
    @Test
    void splitsAtTopLevelCommasOnly() throws Exception {
        assertEquals(List.of("AT_FDCWD", "\"/a,b\\\",c\"", "O_RDONLY|O_CLOEXEC"), split("AT_FDCWD, \"/a,b\\\",c\", O_RDONLY|O_CLOEXEC"));
        assertEquals(List.of("4<TCP:[1.2.3.4:5->6.7.8.9:10]>", "{sa_family=AF_INET, sin_port=htons(5)}",
                "[{iov_base=\"x,y\", iov_len=3}]", "1"),
                split("4<TCP:[1.2.3.4:5->6.7.8.9:10]>, {sa_family=AF_INET, sin_port=htons(5)}, [{iov_base=\"x,y\", iov_len=3}], 1"));
        assertEquals(List.of("1</dev/null<char 1:3>>", "\"hi\"...", "0x7f /* 35 vars, x */"),
                split("1</dev/null<char 1:3>>, \"hi\"..., 0x7f /* 35 vars, x */"));
        assertEquals(List.of("[[[[{a=1, b=2}]]]]", "3"), split("[[[[{a=1, b=2}]]]], 3"));
        assertEquals(List.of(), split(""));
        assertEquals(List.of("25766"), split("25766, "), "an unfinished call's first part");
    }

    private static List<Object> split(String args) throws Exception {
        try (Database database = Database.open(null);
             PreparedStatement query = database.connection().prepareStatement("SELECT args_list(?)")) {
            query.setString(1, args);
            try (ResultSet result = query.executeQuery()) {
                result.next();
                Array list = result.getArray(1);
                return Arrays.asList((Object[]) list.getArray());
            }
        }
    }
}
