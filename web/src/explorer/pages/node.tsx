// #/node/{key}: asks what the node is, then shows the page for its kind.
// People, meetings, reports and organisations have their own pages; every
// other kind gets the generic page, built from the schema itself.

import { useQuery, useTitle } from "../hooks";
import { ErrorBox, Loading } from "../components/status";
import { PersonPage } from "./person";
import { MeetingPage } from "./meeting";
import { ReportPage } from "./report";
import { OrganisationPage } from "./organisation";
import { GenericPage } from "./generic";

const WHAT = `query What($id: ID!) {
  node(id: $id) { __typename id name ... on Document { recommendations { id } } }
}`;

interface WhatData {
  node: { __typename: string; id: string; name: string; recommendations?: { id: string }[] };
}

export function NodePage(props: { id: string }) {
  const { data, error } = useQuery<WhatData>(WHAT, { id: props.id });
  useTitle(error ? "Not found" : data?.node.name);
  if (error) {
    return (
      <>
        <h1>{error.code === "NOT_FOUND" ? "No such node" : "This node could not be loaded"}</h1>
        <ErrorBox error={error} />
        <p>
          <a href="#/">Back to the home page</a>
        </p>
      </>
    );
  }
  if (!data) return <Loading />;
  const node = data.node;
  switch (node.__typename) {
    case "Person":
      return <PersonPage id={node.id} />;
    case "Meeting":
      return <MeetingPage id={node.id} />;
    case "Organisation":
      return <OrganisationPage id={node.id} />;
    case "Document":
      // A document with recommendations is a report; any other document
      // (transcript, minutes, letter) gets the generic page.
      if (node.recommendations?.length) return <ReportPage id={node.id} />;
      return <GenericPage id={node.id} typename={node.__typename} />;
    default:
      return <GenericPage id={node.id} typename={node.__typename} />;
  }
}
