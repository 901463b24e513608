from typing import Any, TypedDict

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.list_customers_response import ListCustomersResponse
from ...models.sequence_version import SequenceVersion
from ...models.sort_order import SortOrder
from ...types import UNSET, Response, Unset, parse_json, parse_status


class ListCustomersParams(TypedDict, total=False):
    """The parameters of this operation, as ``sync_detailed`` & co. take them (less ``client``).

    For a layer that passes them through: ``**params: Unpack[ListCustomersParams]``.

    Attributes:
        sort_by (str | Unset): Sort column. Default: creation time. Use customProperties.<key> to
            sort by a custom property value. Modelling: the accepted columns are the customer's scalar
            fields; anything else is rejected, so the pattern lists them.
        legal_name (str | Unset): Filter by legal name
        email (str | Unset): Filter by email
        alias (str | Unset): Filter by alias
        label (str | Unset): Filter by label
        include_archived (bool | Unset): Include archived customers. Default: False.
        limit (int | Unset): Maximum number of objects to return per-page. Must be between 1 and
            100 (inclusive).
        after (str | Unset): Pagination cursor.
        before (str | Unset): Pagination cursor.
        sort_order (SortOrder | Unset): Sort order. Default: DESC.
        sequence_version (SequenceVersion | Unset): Use this header to select an API version
    """

    sort_by: str | Unset
    legal_name: str | Unset
    email: str | Unset
    alias: str | Unset
    label: str | Unset
    include_archived: bool | Unset
    limit: int | Unset
    after: str | Unset
    before: str | Unset
    sort_order: SortOrder | Unset
    sequence_version: SequenceVersion | Unset


def _get_kwargs(
    *,
    sort_by: str | Unset = UNSET,
    legal_name: str | Unset = UNSET,
    email: str | Unset = UNSET,
    alias: str | Unset = UNSET,
    label: str | Unset = UNSET,
    include_archived: bool | Unset = False,
    limit: int | Unset = UNSET,
    after: str | Unset = UNSET,
    before: str | Unset = UNSET,
    sort_order: SortOrder | Unset = UNSET,
    sequence_version: SequenceVersion | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(sequence_version, Unset):
        headers["sequence-version"] = str(sequence_version)

    params: dict[str, Any] = {}

    params["sortBy"] = sort_by

    params["legalName"] = legal_name

    params["email"] = email

    params["alias"] = alias

    params["label"] = label

    params["includeArchived"] = include_archived

    params["limit"] = limit

    params["after"] = after

    params["before"] = before

    json_sort_order: str | Unset = UNSET
    if not isinstance(sort_order, Unset):
        json_sort_order = sort_order.value

    params["sortOrder"] = json_sort_order

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/customers",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | ListCustomersResponse | None:
    if response.status_code == 200:
        response_200 = ListCustomersResponse.from_dict(parse_json(response.content))

        return response_200

    if response.status_code == 400:
        response_400 = ErrorResponse.from_dict(parse_json(response.content))

        return response_400

    if response.status_code == 401:
        response_401 = ErrorResponse.from_dict(parse_json(response.content))

        return response_401

    if response.status_code == 403:
        response_403 = ErrorResponse.from_dict(parse_json(response.content))

        return response_403

    if response.status_code == 429:
        response_429 = ErrorResponse.from_dict(parse_json(response.content))

        return response_429

    if response.status_code == 500:
        response_500 = ErrorResponse.from_dict(parse_json(response.content))

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorResponse | ListCustomersResponse]:
    return Response(
        status_code=parse_status(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    sort_by: str | Unset = UNSET,
    legal_name: str | Unset = UNSET,
    email: str | Unset = UNSET,
    alias: str | Unset = UNSET,
    label: str | Unset = UNSET,
    include_archived: bool | Unset = False,
    limit: int | Unset = UNSET,
    after: str | Unset = UNSET,
    before: str | Unset = UNSET,
    sort_order: SortOrder | Unset = UNSET,
    sequence_version: SequenceVersion | Unset = UNSET,
) -> Response[ErrorResponse | ListCustomersResponse]:
    """List customers

     Lists the customers of the authenticated account, newest first by default, with cursor pagination.
    Archived customers are hidden unless `includeArchived` is true.

    Args:
        sort_by (str | Unset): Sort column. Default: creation time. Use customProperties.<key> to
            sort by a custom property value. Modelling: the accepted columns are the customer's scalar
            fields; anything else is rejected, so the pattern lists them.
        legal_name (str | Unset): Filter by legal name
        email (str | Unset): Filter by email
        alias (str | Unset): Filter by alias
        label (str | Unset): Filter by label
        include_archived (bool | Unset): Include archived customers. Default: False.
        limit (int | Unset): Maximum number of objects to return per-page. Must be between 1 and
            100 (inclusive).
        after (str | Unset): Pagination cursor.
        before (str | Unset): Pagination cursor.
        sort_order (SortOrder | Unset): Sort order. Default: DESC.
        sequence_version (SequenceVersion | Unset): Use this header to select an API version

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | ListCustomersResponse]
    """

    kwargs = _get_kwargs(
        sort_by=sort_by,
        legal_name=legal_name,
        email=email,
        alias=alias,
        label=label,
        include_archived=include_archived,
        limit=limit,
        after=after,
        before=before,
        sort_order=sort_order,
        sequence_version=sequence_version,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    sort_by: str | Unset = UNSET,
    legal_name: str | Unset = UNSET,
    email: str | Unset = UNSET,
    alias: str | Unset = UNSET,
    label: str | Unset = UNSET,
    include_archived: bool | Unset = False,
    limit: int | Unset = UNSET,
    after: str | Unset = UNSET,
    before: str | Unset = UNSET,
    sort_order: SortOrder | Unset = UNSET,
    sequence_version: SequenceVersion | Unset = UNSET,
) -> ErrorResponse | ListCustomersResponse | None:
    """List customers

     Lists the customers of the authenticated account, newest first by default, with cursor pagination.
    Archived customers are hidden unless `includeArchived` is true.

    Args:
        sort_by (str | Unset): Sort column. Default: creation time. Use customProperties.<key> to
            sort by a custom property value. Modelling: the accepted columns are the customer's scalar
            fields; anything else is rejected, so the pattern lists them.
        legal_name (str | Unset): Filter by legal name
        email (str | Unset): Filter by email
        alias (str | Unset): Filter by alias
        label (str | Unset): Filter by label
        include_archived (bool | Unset): Include archived customers. Default: False.
        limit (int | Unset): Maximum number of objects to return per-page. Must be between 1 and
            100 (inclusive).
        after (str | Unset): Pagination cursor.
        before (str | Unset): Pagination cursor.
        sort_order (SortOrder | Unset): Sort order. Default: DESC.
        sequence_version (SequenceVersion | Unset): Use this header to select an API version

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | ListCustomersResponse
    """

    return sync_detailed(
        client=client,
        sort_by=sort_by,
        legal_name=legal_name,
        email=email,
        alias=alias,
        label=label,
        include_archived=include_archived,
        limit=limit,
        after=after,
        before=before,
        sort_order=sort_order,
        sequence_version=sequence_version,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    sort_by: str | Unset = UNSET,
    legal_name: str | Unset = UNSET,
    email: str | Unset = UNSET,
    alias: str | Unset = UNSET,
    label: str | Unset = UNSET,
    include_archived: bool | Unset = False,
    limit: int | Unset = UNSET,
    after: str | Unset = UNSET,
    before: str | Unset = UNSET,
    sort_order: SortOrder | Unset = UNSET,
    sequence_version: SequenceVersion | Unset = UNSET,
) -> Response[ErrorResponse | ListCustomersResponse]:
    """List customers

     Lists the customers of the authenticated account, newest first by default, with cursor pagination.
    Archived customers are hidden unless `includeArchived` is true.

    Args:
        sort_by (str | Unset): Sort column. Default: creation time. Use customProperties.<key> to
            sort by a custom property value. Modelling: the accepted columns are the customer's scalar
            fields; anything else is rejected, so the pattern lists them.
        legal_name (str | Unset): Filter by legal name
        email (str | Unset): Filter by email
        alias (str | Unset): Filter by alias
        label (str | Unset): Filter by label
        include_archived (bool | Unset): Include archived customers. Default: False.
        limit (int | Unset): Maximum number of objects to return per-page. Must be between 1 and
            100 (inclusive).
        after (str | Unset): Pagination cursor.
        before (str | Unset): Pagination cursor.
        sort_order (SortOrder | Unset): Sort order. Default: DESC.
        sequence_version (SequenceVersion | Unset): Use this header to select an API version

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | ListCustomersResponse]
    """

    kwargs = _get_kwargs(
        sort_by=sort_by,
        legal_name=legal_name,
        email=email,
        alias=alias,
        label=label,
        include_archived=include_archived,
        limit=limit,
        after=after,
        before=before,
        sort_order=sort_order,
        sequence_version=sequence_version,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    sort_by: str | Unset = UNSET,
    legal_name: str | Unset = UNSET,
    email: str | Unset = UNSET,
    alias: str | Unset = UNSET,
    label: str | Unset = UNSET,
    include_archived: bool | Unset = False,
    limit: int | Unset = UNSET,
    after: str | Unset = UNSET,
    before: str | Unset = UNSET,
    sort_order: SortOrder | Unset = UNSET,
    sequence_version: SequenceVersion | Unset = UNSET,
) -> ErrorResponse | ListCustomersResponse | None:
    """List customers

     Lists the customers of the authenticated account, newest first by default, with cursor pagination.
    Archived customers are hidden unless `includeArchived` is true.

    Args:
        sort_by (str | Unset): Sort column. Default: creation time. Use customProperties.<key> to
            sort by a custom property value. Modelling: the accepted columns are the customer's scalar
            fields; anything else is rejected, so the pattern lists them.
        legal_name (str | Unset): Filter by legal name
        email (str | Unset): Filter by email
        alias (str | Unset): Filter by alias
        label (str | Unset): Filter by label
        include_archived (bool | Unset): Include archived customers. Default: False.
        limit (int | Unset): Maximum number of objects to return per-page. Must be between 1 and
            100 (inclusive).
        after (str | Unset): Pagination cursor.
        before (str | Unset): Pagination cursor.
        sort_order (SortOrder | Unset): Sort order. Default: DESC.
        sequence_version (SequenceVersion | Unset): Use this header to select an API version

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | ListCustomersResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            sort_by=sort_by,
            legal_name=legal_name,
            email=email,
            alias=alias,
            label=label,
            include_archived=include_archived,
            limit=limit,
            after=after,
            before=before,
            sort_order=sort_order,
            sequence_version=sequence_version,
        )
    ).parsed
