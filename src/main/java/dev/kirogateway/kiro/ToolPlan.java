package dev.kirogateway.kiro;

import static dev.kirogateway.kiro.KiroRequestBuilder.*;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kirogateway.chat.ChatException;
import dev.kirogateway.chat.ToolSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The declared tools as Kiro specs, the name map and the documentation section. */
record ToolPlan(List<ObjectNode> specs, Map<String, String> upstreamToOriginal,
    String documentation) {
  private static final Logger LOG = LoggerFactory.getLogger(ToolPlan.class);


  Set<String> upstreamNames() {
    return upstreamToOriginal.keySet();
  }

  static ToolPlan of(List<ToolSpec> tools, int maxDescription) {
    Map<String, String> names = new LinkedHashMap<>();
    List<ObjectNode> specs = new ArrayList<>();
    List<String> docs = new ArrayList<>();
    for (ToolSpec tool : tools) {
      String name = upstreamToolName(tool.name());
      String previous = names.putIfAbsent(name, tool.name());
      if (previous != null) {
        if (!previous.equals(tool.name())) {
          throw ChatException.invalid("tools: the tool names '" + previous + "' and '"
              + tool.name() + "' both shorten to '" + name + "'", "tools");
        }
        LOG.warn("Ignored a second declaration of tool '{}'", name);
        continue;
      }
      String description = tool.description();
      if (description.isBlank()) {
        description = "Tool: " + name;
      } else if (maxDescription > 0
          && description.codePointCount(0, description.length()) > maxDescription) {
        docs.add("## Tool: " + name + "\n\n" + description);
        description = "[Full documentation in system prompt under '## Tool: " + name + "']";
      }
      ObjectNode spec = JSON.createObjectNode();
      ObjectNode inner = spec.putObject("toolSpecification");
      inner.put("name", name);
      inner.put("description", description);
      inner.putObject("inputSchema").set("json", Schemas.root(tool.inputSchema()));
      specs.add(spec);
    }
    String documentation = docs.isEmpty() ? "" : TOOL_DOC_HEADER + String.join("\n\n---\n\n",
        docs);
    return new ToolPlan(specs, names, documentation);
  }
}
