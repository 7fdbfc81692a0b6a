package dev.tracekit.strace;

import java.util.ArrayList;
import java.util.List;

/**
 * How two runs' lines of one thread match: the longest common subsequence, and the lines each
 * has that the other lacks, for the report.
 */
record LineMatch(int identical, List<String> onlyExpected, List<String> onlyActual) {

    static LineMatch of(List<String> expected, List<String> actual) {
        int n = expected.size();
        int m = actual.size();
        int[][] common = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                common[i][j] = expected.get(i).equals(actual.get(j)) ? common[i + 1][j + 1] + 1
                        : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        List<String> onlyExpected = new ArrayList<>();
        List<String> onlyActual = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && expected.get(i).equals(actual.get(j))) {
                i++;
                j++;
            } else if (j == m || i < n && common[i + 1][j] >= common[i][j + 1]) {
                onlyExpected.add(expected.get(i++));
            } else {
                onlyActual.add(actual.get(j++));
            }
        }
        return new LineMatch(common[0][0], onlyExpected, onlyActual);
    }
}
